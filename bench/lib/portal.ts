import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { preparePortalRole } from "@cs/db/local-server";
import { children } from "./pgbench";

/** Which app's production build to serve: the portal (order_place_http) or the back-office (scorecard_page). */
export type BenchApp = "portal" | "backoffice";
const buildDir = (app: BenchApp) => resolve("apps", app, "build");
const buildFile = (app: BenchApp) => resolve(buildDir(app), "server", "index.js");
/** The bench serves its own copy, so a rebuild by someone else during the run cannot pull it away. */
const copyDir = (app: BenchApp) => resolve(".data", `bench-${app}-build`);
/** Where `npm run build` and e2e runs serialise on this machine (see the team's brief). */
const BUILD_LOCK = "/tmp/e2e.lock";

/**
 * Copies the build under the build lock when flock exists (never a half-written build), else plainly.
 * When there is no build right now (someone is rebuilding, or their build failed) the previous copy
 * is served, and the results say when it was built.
 */
function copyBuild(log: (m: string) => void, app: BenchApp) {
  const [BUILD_DIR, BUILD, COPY_DIR] = [buildDir(app), buildFile(app), copyDir(app)];
  // .data may not exist yet when DATABASE_URL spares the bench its embedded server
  const script = `test -f "${BUILD}" && mkdir -p "$(dirname "${COPY_DIR}")" && rm -rf "${COPY_DIR}" && cp -rp "${BUILD_DIR}" "${COPY_DIR}"`;
  const hasFlock = spawnSync("sh", ["-c", "command -v flock"]).status === 0;
  const r = hasFlock ? spawnSync("flock", ["-w", "900", BUILD_LOCK, "sh", "-c", script]) : spawnSync("sh", ["-c", script]);
  if (r.status === 0) return;
  if (!existsSync(resolve(COPY_DIR, "server", "index.js"))) throw new Error(`no production build at ${BUILD}: run \`npm run build\` first`);
  log(`no build at ${BUILD} now: serving the previous copy in ${COPY_DIR}`);
}
const NODE_ENV_HEADER = "x-bench-node-env";
/** One per bench process: the first portal started gives cs_portal this password, later ones sign in with it. */
const benchPortalPassword = process.env.PORTAL_DATABASE_PASSWORD || randomBytes(24).toString("base64url");
const SERVER_ID_HEADER = "x-bench-server-id";

export type Portal = { base: string; builtAt: string; pid: number | undefined; stop: () => Promise<void>; /** What the server printed so far. */ output: () => string };

/**
 * Starts the portal's production build in a child process (bench/lib/serve-portal.ts, NODE_ENV=production)
 * against `databaseUrl`, and refuses to go on unless its responses say NODE_ENV=production and carry the
 * production-only HSTS header. Port 0 takes a free one; `extraEnv` adds to its environment (PORTAL_RLS=0). BENCH_CPU_PROF=1 writes a V8 CPU profile of the server to .data/profiles.
 */
export async function startPortal(
  databaseUrl: string,
  port: number,
  log: (m: string) => void,
  app: BenchApp = "portal",
  extraEnv: Record<string, string> = {},
  /** Another build and server script instead (page_floor's bare app): no copy, no HSTS check. */
  other?: { label: string; script: string; buildDir: string },
): Promise<Portal> {
  if (!other) copyBuild(log, app);
  // as npm start: the portal connects as cs_portal (docs/decisions/019); with PORTAL_RLS=0 it uses DATABASE_URL
  const portalUrl = await preparePortalRole({ ownerUrl: databaseUrl, portalUrl: process.env.PORTAL_DATABASE_URL || undefined, password: benchPortalPassword });
  const COPY_DIR = other?.buildDir ?? copyDir(app);
  const serverId = randomBytes(8).toString("hex");
  const profile = process.env.BENCH_CPU_PROF === "1" ? ["--cpu-prof", "--cpu-prof-dir=.data/profiles"] : [];
  const child = spawn(process.execPath, [...profile, "--disable-proto=throw", "--import", "tsx", other?.script ?? "bench/lib/serve-portal.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      PORTAL_DATABASE_URL: portalUrl,
      SESSION_SECRET: randomBytes(32).toString("base64url"),
      PORTAL_PORT: String(port),
      PORTAL_BUILD: COPY_DIR,
      BENCH_SERVER_ID: serverId,
      ...extraEnv,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(child);
  let output = "";
  let listening = 0;
  const exited = new Promise<void>((ok) => child.on("exit", () => ok()));
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`the portal did not start within 60 s:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d;
      const m = /listening (\d+)/.exec(output);
      if (m) {
        listening = Number(m[1]);
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (d: Buffer) => (output += d));
    child.on("exit", (code) => {
      clearTimeout(timer);
      fail(new Error(`the portal exited (${code}) before listening:\n${output}`));
    });
  });
  const stop = async () => {
    child.kill("SIGTERM");
    await exited;
    children.delete(child);
  };
  const base = `http://127.0.0.1:${listening}`;
  const probe = await fetch(`${base}${other ? "/" : "/login"}`);
  await probe.arrayBuffer();
  if (probe.headers.get(SERVER_ID_HEADER) !== serverId) {
    await stop();
    throw new Error(`another server answers on ${base}: stop it or set BENCH_PORTAL_PORT`);
  }
  const env = probe.headers.get(NODE_ENV_HEADER);
  if (env !== "production" || (!other && !probe.headers.get("strict-transport-security"))) {
    await stop();
    throw new Error(`refusing to benchmark: the portal runs with NODE_ENV=${env ?? "unknown"} (production build and NODE_ENV=production required)`);
  }
  const builtAt = statSync(resolve(COPY_DIR, "server", "index.js")).mtime.toISOString();
  log(`${other?.label ?? app} production build (${builtAt}) serving on ${base}, NODE_ENV=${env}`);
  return { base, builtAt, pid: child.pid, stop, output: () => output };
}
