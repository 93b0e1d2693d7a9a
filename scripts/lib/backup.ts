import { closeSync, existsSync, mkdirSync, openSync, readSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import postgres from "postgres";
import { startEmbeddedPostgres } from "@cs/db/local-server";
import { loadBuiltinBackup, looksBuiltin, notABackup, openBuiltinBackup, writeBuiltinBackup } from "./builtin-backup";
import { findPgTool, OperationError, runPgTool, type PgTool } from "./pg-tools";

export { OperationError };

/**
 * `npm run db:backup` and `npm run db:restore`: pg_dump / pg_restore in the custom format, or our
 * built-in format when no pg_dump can dump the server, of DATABASE_URL or of the embedded server
 * (docs/operations/backup-and-recovery.md).
 */

export const backupFormats = ["auto", "pgdump", "builtin"] as const;
export type BackupFormat = (typeof backupFormats)[number];

export type Server = { url: string; embedded: boolean; stop: () => Promise<void> };
type Config = { databaseUrl?: string; dataDir: string; port: number; binDir?: string };

const EMBEDDED_DATABASE = "channel";

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.PG_DATA_DIR ?? ".data/postgres",
    port: Number(env.PG_PORT ?? 54329),
    binDir: env.PG_BIN_DIR || undefined,
  };
}

/**
 * The database the commands work on: DATABASE_URL, else the embedded one — the running server when
 * `npm start` has it up (checked to serve our data directory, since the port may belong to another
 * checkout), else started for the command and stopped after it.
 */
export async function openServer(config: Config): Promise<Server> {
  if (config.databaseUrl) return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  const dir = resolve(config.dataDir);
  if (!existsSync(resolve(dir, "PG_VERSION"))) {
    throw new OperationError(`There is no embedded database in ${dir} yet: run npm start once, or set DATABASE_URL.`);
  }
  const url = `postgres://postgres:postgres@127.0.0.1:${config.port}/${EMBEDDED_DATABASE}`;
  const running = await dataDirectoryAt(url);
  if (running !== undefined) {
    if (resolve(running) !== dir) {
      throw new OperationError(
        `Port ${config.port} is served by the PostgreSQL of ${running}, not ${dir}: stop it or set PG_PORT / PG_DATA_DIR.`,
      );
    }
    return { url, embedded: true, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({ dir, port: config.port, database: EMBEDDED_DATABASE, quiet: true }).catch((error: unknown) => {
    throw new OperationError(error instanceof Error ? error.message : String(error));
  });
  return { url: server.url, embedded: true, stop: server.stop };
}

/** The data directory of the server at `url`, or undefined when nothing answers there. */
async function dataDirectoryAt(url: string): Promise<string | undefined> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    const [row] = await sql<{ setting: string }[]>`select setting from pg_settings where name = 'data_directory'`;
    return row?.setting;
  } catch {
    return undefined;
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function serverMajor(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    const [row] = await sql<{ v: string }[]>`select current_setting('server_version_num') as v`;
    return Math.floor(Number(row!.v) / 10000);
  } catch (error) {
    throw new OperationError(`Could not connect to ${redact(url)}: ${(error as Error).message}`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export function defaultBackupFile(now = new Date(), dir = ".data/backups"): string {
  const stamp = now.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-");
  return resolve(dir, `${stamp}.dump`);
}

/**
 * A backup of `url` into `file`: pg_dump --format=custom when a pg_dump at least as new as the
 * server is installed, else (format "auto") the built-in format. Written through a temporary name
 * renamed at the end: a backup cut short (full disk, killed) never leaves a file that looks finished.
 */
export async function backupDatabase(url: string, file: string, options: { binDir?: string; format?: BackupFormat } = {}) {
  const format = options.format ?? "auto";
  const major = await serverMajor(url);
  let pgDump: PgTool | undefined;
  let why: string | undefined;
  if (format !== "builtin") {
    try {
      pgDump = await findPgTool("pg_dump", { binDir: options.binDir, atLeast: major });
    } catch (error) {
      if (format === "pgdump" || !(error instanceof OperationError)) throw error;
      why = `no pg_dump for PostgreSQL ${major} here`;
    }
  }
  const target = resolve(file);
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  try {
    if (pgDump) await runPgTool(pgDump, ["--format=custom", "--compress=6", "--no-password", `--file=${partial}`], url);
    else await writeBuiltinBackup(url, partial);
    renameSync(partial, target);
  } finally {
    rmSync(partial, { force: true });
  }
  const used = pgDump ? ("pgdump" as const) : ("builtin" as const);
  return { file: target, bytes: statSync(target).size, database: new URL(url).pathname.slice(1), format: used, why };
}

/** A name (a database on `base`'s server) or a full URL. */
export function targetUrl(into: string, base: string): string {
  if (/^postgres(ql)?:\/\//.test(into)) return into;
  if (!/^[\w-]{1,63}$/.test(into)) throw new OperationError(`"${into}" is neither a database URL nor a plain database name.`);
  const url = new URL(base);
  url.pathname = `/${into}`;
  return url.toString();
}

/**
 * Restores a db:backup file (either format) into `url`, created when missing. A database that
 * already holds tables is refused unless `force`. pg_dump files: pg_restore in one transaction
 * (--clean drops the dump's objects first when forced). Built-in files: the app schemas are dropped
 * when forced, the recorded migrations applied, then the rows loaded in one transaction.
 */
export async function restoreDatabase(file: string, url: string, options: { force?: boolean; binDir?: string } = {}) {
  const source = resolve(file);
  const format = dumpFormat(source);
  // Opened (and its migrations checked) before the target is touched.
  const builtin = format === "builtin" ? await openBuiltinBackup(source) : undefined;
  try {
    const database = decodeURIComponent(new URL(url).pathname.slice(1));
    if (!database) throw new OperationError(`${redact(url)} names no database.`);
    await createIfMissing(url, database);
    const tables = await userTableCount(url);
    if (tables > 0 && !options.force) {
      throw new OperationError(
        `The database ${database} is not empty (${tables} tables); nothing was restored. Restore into a new database, or add --force to replace its contents.`,
      );
    }
    if (builtin) {
      if (tables > 0) await dropAppSchemas(url);
      await loadBuiltinBackup(builtin, url);
    } else {
      const pgRestore = await findPgTool("pg_restore", { binDir: options.binDir });
      const args = ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--no-password"];
      if (tables > 0) args.push("--clean", "--if-exists");
      await runPgTool(pgRestore, [...args, source], url);
    }
    return { database, tables: await userTableCount(url), format };
  } finally {
    builtin?.close();
  }
}

function dumpFormat(file: string): "pgdump" | "builtin" {
  if (!existsSync(file)) throw new OperationError(`There is no backup file at ${file}.`);
  const head = Buffer.alloc(5);
  const fd = openSync(file, "r");
  try {
    readSync(fd, head, 0, 5, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString("latin1") === "PGDMP") return "pgdump";
  if (looksBuiltin(head)) return "builtin";
  throw notABackup(file);
}

/** What --force replaces for a built-in restore: everything the migrations build, and their journal. */
async function dropAppSchemas(url: string) {
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    await sql.begin(async (tx) => {
      await tx`drop schema if exists drizzle cascade`;
      await tx`drop schema if exists public cascade`;
      await tx`create schema public`;
    });
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function createIfMissing(url: string, database: string) {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const sql = postgres(admin.toString(), { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    const [exists] = await sql`select 1 from pg_database where datname = ${database}`;
    if (!exists) await sql.unsafe(`create database "${database.replaceAll('"', '""')}"`);
  } catch (error) {
    throw new OperationError(`Could not create the database ${database} on ${redact(url)}: ${(error as Error).message}`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

async function userTableCount(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, connect_timeout: 10, onnotice: () => {} });
  try {
    const [row] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'`;
    return row!.n;
  } catch (error) {
    throw new OperationError(`Could not connect to ${redact(url)}: ${(error as Error).message}`);
  } finally {
    await sql.end({ timeout: 1 });
  }
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(an unreadable database URL)";
  }
}

/** What a command prints when it fails: our sentences as they are, anything else by its message alone. */
export function describeFailure(error: unknown): string {
  if (error instanceof OperationError) return error.message;
  return `Failed: ${error instanceof Error ? error.message : String(error)}`;
}
