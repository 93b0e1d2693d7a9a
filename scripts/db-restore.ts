import { parseArgs } from "node:util";
import { configFromEnv, describeFailure, openServer, OperationError, redact, restoreDatabase, targetUrl } from "./lib/backup";

/**
 * `npm run db:restore -- <file> --into <name or URL> [--force]`: pg_restore of a db:backup file. A
 * bare name is a database on the same server as DATABASE_URL (or the embedded one).
 */
const usage = "Usage: npm run db:restore -- <file> --into <database name or URL> [--force]";

let failed = false;
try {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { into: { type: "string" }, force: { type: "boolean", default: false }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) console.log(usage);
  else {
    const [file, ...extra] = positionals;
    if (!file || extra.length > 0) throw new OperationError(`Name one backup file. ${usage}`);
    if (!values.into) throw new OperationError(`Say where to restore with --into. ${usage}`);
    const config = configFromEnv();
    // A full URL needs no local server; a bare name lives beside DATABASE_URL or in the embedded server.
    const isUrl = /^postgres(ql)?:\/\//.test(values.into);
    const server = isUrl ? undefined : await openServer(config);
    try {
      const url = targetUrl(values.into, server?.url ?? values.into);
      const done = await restoreDatabase(file, url, { force: values.force, binDir: config.binDir });
      console.log(`Restored ${file} into ${redact(url)} (${done.tables} tables).`);
    } finally {
      await server?.stop();
    }
  }
} catch (error) {
  console.error(describeFailure(error));
  failed = true;
}
process.exit(failed ? 1 : 0);
