import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { delimiter, join } from "node:path";
import postgres from "postgres";
import { ensureDatabase } from "@cs/db/local-server";

/** Children still running, so Ctrl-C can end them with the benchmark. */
export const children = new Set<ChildProcess>();

/** Debian's versioned binaries first (newest), then anything called pgbench on PATH. */
export function findPgbench(): string | null {
  const root = "/usr/lib/postgresql";
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    for (const v of versions) {
      const bin = join(root, v, "bin", "pgbench");
      if (existsSync(bin)) return bin;
    }
  }
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    const bin = join(dir, "pgbench");
    if (dir && existsSync(bin)) return bin;
  }
  return null;
}

/** Finds pgbench; when missing and we are root with apt, installs Debian's client (then contrib) package. */
export function ensurePgbench(log: (m: string) => void): string | null {
  const found = findPgbench();
  if (found) return found;
  const apt = ["/usr/bin/apt-get", "/bin/apt-get"].find(existsSync);
  if (process.getuid?.() !== 0 || !apt) {
    log("pgbench not found (and not root with apt-get): the pgbench baseline is missing");
    return null;
  }
  log("pgbench not found: installing Debian's postgresql-client with apt-get …");
  const run = (args: string[]) => spawnSync(apt, args, { stdio: "ignore", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
  run(["update"]);
  for (const pkg of ["postgresql-client", "postgresql-contrib"]) {
    if (run(["install", "-y", "--no-install-recommends", pkg]) && findPgbench()) return findPgbench();
  }
  log("could not install pgbench: the pgbench baseline is missing");
  return null;
}

function connectionArgs(url: string) {
  const u = new URL(url);
  const args = ["-h", u.hostname || "127.0.0.1", "-p", u.port || "5432", "-U", decodeURIComponent(u.username || "postgres")];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(u.password), PGSSLMODE: u.searchParams.get("sslmode") ?? "prefer" };
  return { args, env };
}

function exec(bin: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((ok, fail) => {
    const child = spawn(bin, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    child.on("error", fail);
    child.on("close", (code) => {
      children.delete(child);
      ok({ code: code ?? 1, out });
    });
  });
}

export const withDatabase = (url: string, database: string) => {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
};

/** `pgbench -i -s scale` into its own database on the same server, unless already initialised at that scale. */
export async function initPgbench(bin: string, serverUrl: string, scale: number, database = "pgbench") {
  await ensureDatabase(withDatabase(serverUrl, "postgres"), database);
  const url = withDatabase(serverUrl, database);
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  let branches = 0;
  try {
    branches = Number((await sql`select count(*)::int as n from pgbench_branches`)[0]?.n ?? 0);
  } catch {
    branches = 0;
  } finally {
    await sql.end();
  }
  if (branches === scale) return url;
  const { args, env } = connectionArgs(url);
  const r = await exec(bin, ["-i", "-q", "-s", String(scale), ...args, database], env);
  if (r.code !== 0) throw new Error(`pgbench -i failed:\n${r.out}`);
  return url;
}

export type PgbenchResult = { tps: number; latency_ms: number | null; transactions: number | null; command: string };

/** Runs the built-in TPC-B-like script and parses its tps (without initial connection time). */
export async function runPgbench(bin: string, url: string, options: { clients: number; threads: number; seconds: number }): Promise<PgbenchResult> {
  const { args, env } = connectionArgs(url);
  const database = new URL(url).pathname.slice(1);
  const runArgs = ["-c", String(options.clients), "-j", String(options.threads), "-T", String(options.seconds), ...args, database];
  const r = await exec(bin, runArgs, env);
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(r.out) ?? /tps = ([\d.]+)/.exec(r.out);
  if (r.code !== 0 || !tps) throw new Error(`pgbench failed (exit ${r.code}):\n${r.out}`);
  const latency = /latency average = ([\d.]+) ms/.exec(r.out);
  const processed = /number of transactions actually processed: (\d+)/.exec(r.out);
  return {
    tps: Number(tps[1]),
    latency_ms: latency ? Number(latency[1]) : null,
    transactions: processed ? Number(processed[1]) : null,
    command: `pgbench ${runArgs.filter((a, i) => !["-h", "-p", "-U"].includes(runArgs[i - 1] ?? "") && !["-h", "-p", "-U"].includes(a)).join(" ")}`,
  };
}
