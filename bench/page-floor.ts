import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { createDatabase } from "@cs/db";
import { cpuMeter } from "./lib/cpu";
import { DEALER_PASSWORD, ensureDealers } from "./lib/dealers";
import { PortalClient } from "./lib/http-client";
import { startPortal, type Portal } from "./lib/portal";
import { median, percentile, round } from "./lib/stats";

export const AIM_PORTAL_CPU_MS = 2;
const OURS_PATH = "/account";
const FLOOR_PATH = "/";
const FLOOR_DIR = resolve("bench", "floor");

type Sample = { pages: number; seconds: number; latencies: number[]; errors: number; firstErrors: string[]; portalMs: number; postgresMs: number };

/**
 * Builds bench/floor (a bare React Router app: one route whose loader reads 20 rows with postgres.js)
 * with the repository's own react-router and vite, so the floor is always this checkout's versions.
 */
function buildFloor(log: (m: string) => void) {
  const started = performance.now();
  const r = spawnSync(process.execPath, [resolve("node_modules", "@react-router", "dev", "bin.js"), "build"], { cwd: FLOOR_DIR, encoding: "utf8", env: { ...process.env, NODE_ENV: "production" } });
  if (r.status !== 0) throw new Error(`building bench/floor failed:\n${r.stdout}\n${r.stderr}`);
  const seconds = (performance.now() - started) / 1000;
  log(`page_floor: bench/floor built in ${seconds.toFixed(1)} s`);
  return seconds;
}

/** `clients` loops on `path` for `seconds`; CPU of the server process and of PostgreSQL per page. */
async function hammer(server: Portal, clients: PortalClient[], path: string, seconds: number, postgresDataDir: string | null): Promise<Sample> {
  const meter = postgresDataDir ? cpuMeter(server.pid, postgresDataDir) : null;
  const sample: Sample = { pages: 0, seconds: 0, latencies: [], errors: 0, firstErrors: [], portalMs: 0, postgresMs: 0 };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  meter?.reset();
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        try {
          const r = await client.get(path);
          if (r.status !== 200) throw new Error(`${path}: ${r.status} ${r.location ?? ""}`);
          sample.latencies.push(performance.now() - t0);
          sample.pages++;
        } catch (e) {
          sample.errors++;
          if (sample.firstErrors.length < 5) sample.firstErrors.push((e as Error).message.slice(0, 300));
        }
      }
    }),
  );
  sample.seconds = (performance.now() - started) / 1000;
  const cpu = meter?.per(1);
  sample.portalMs = cpu?.portal_ms ?? Number.NaN;
  sample.postgresMs = cpu?.postgres_ms ?? Number.NaN;
  return sample;
}

function summary(samples: Sample[]) {
  const pages = samples.reduce((s, x) => s + x.pages, 0);
  const seconds = samples.reduce((s, x) => s + x.seconds, 0);
  const latencies = samples.flatMap((x) => x.latencies);
  const per = (ms: number) => (pages > 0 && Number.isFinite(ms) ? round(ms / pages, 3) : null);
  return {
    pages,
    pages_per_s: round(pages / seconds, 1),
    median_ms: round(median(latencies)),
    p95_ms: round(percentile(latencies, 95)),
    seconds: round(seconds, 1),
    errors: samples.reduce((s, x) => s + x.errors, 0),
    first_errors: samples.flatMap((x) => x.firstErrors).slice(0, 5),
    /** CPU per page (ms): the server process, and the whole PostgreSQL server (embedded only, else null). */
    cpu_ms_per_page: { server: per(samples.reduce((s, x) => s + x.portalMs, 0)), postgres: per(samples.reduce((s, x) => s + x.postgresMs, 0)) },
  };
}

/**
 * page_floor: what a bare React Router 7 page costs on this machine now, beside our signed-in page.
 * bench/floor is built in this run, served by the plain @react-router/express handler, and its one
 * route renders 20 product rows read with postgres.js. Our page is the portal's production build,
 * `/account` signed in as a dealer (session, CSRF, actor, shell loaders, i18n, security headers).
 * The same `clients` hammer each in alternating rounds (floor, ours, ours, floor, …) so a change in
 * the machine's load touches both; ratios are ours ÷ floor.
 */
export async function pageFloorBench(url: string, options: { clients: number; seconds: number; rounds: number; port: number; postgresDataDir: string | null; log: (m: string) => void }) {
  const { clients: count, seconds, rounds, log } = options;
  const buildSeconds = buildFloor(log);
  const db = createDatabase(url, { max: 2 });
  const dealers = await ensureDealers(db, count);
  await db.$client.end();
  const floor = await startPortal(url, 0, log, "portal", {}, { label: "floor", script: "bench/floor/serve.ts", buildDir: resolve(FLOOR_DIR, "build") });
  let ours: Portal | null = null;
  try {
    ours = await startPortal(url, options.port, log, "portal");
    const floorClients = dealers.map(() => new PortalClient(floor.base));
    const ourClients = dealers.map(() => new PortalClient(ours!.base));
    for (const [i, client] of ourClients.entries()) await client.signIn(dealers[i]!.login, DEALER_PASSWORD);
    log("page_floor: warming up both …");
    await hammer(floor, floorClients, FLOOR_PATH, 2, null);
    await hammer(ours, ourClients, OURS_PATH, 2, null);
    const floorSamples: Sample[] = [];
    const ourSamples: Sample[] = [];
    const each = seconds / rounds;
    for (let round = 0; round < rounds; round++) {
      const order = round % 2 === 0 ? (["floor", "ours"] as const) : (["ours", "floor"] as const);
      for (const which of order) {
        log(`page_floor: round ${round + 1}/${rounds}, ${which}, ${count} clients for ${each.toFixed(1)} s …`);
        if (which === "floor") floorSamples.push(await hammer(floor, floorClients, FLOOR_PATH, each, options.postgresDataDir));
        else ourSamples.push(await hammer(ours, ourClients, OURS_PATH, each, options.postgresDataDir));
      }
    }
    const f = summary(floorSamples);
    if (f.errors) log(`page_floor: the floor server said:\n${floor.output().slice(-2000)}`);
    const o = summary(ourSamples);
    const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? round(a / b, 2) : null);
    const cpuRatio = ratio(o.cpu_ms_per_page.server, f.cpu_ms_per_page.server);
    return {
      /** 1-minute load average after the runs: the machine may be shared, which moves every figure. */
      load_average_after: round(loadavg()[0]!),
      clients: count,
      rounds,
      page: `GET ${OURS_PATH} (portal production build, signed-in dealer)`,
      p95_ms: o.p95_ms,
      median_ms: o.median_ms,
      seconds: o.seconds,
      pages_per_s: o.pages_per_s,
      server_cpu_ms_per_page: o.cpu_ms_per_page.server,
      postgres_cpu_ms_per_page: o.cpu_ms_per_page.postgres,
      errors: o.errors,
      ours: o,
      floor: { page: `GET ${FLOOR_PATH} of bench/floor (bare React Router, 20 rows via postgres.js)`, build_seconds: round(buildSeconds, 1), ...f },
      /** ours ÷ floor: server CPU per page, p95 and median latency; floor ÷ ours for pages per second. */
      ratio: {
        server_cpu_per_page: cpuRatio,
        p95: ratio(o.p95_ms, f.p95_ms),
        median: ratio(o.median_ms, f.median_ms),
        pages_per_s_floor_over_ours: ratio(f.pages_per_s, o.pages_per_s),
      },
      aim_server_cpu_ms: AIM_PORTAL_CPU_MS,
      ok: o.errors === 0 && f.errors === 0 && o.cpu_ms_per_page.server !== null && o.cpu_ms_per_page.server <= AIM_PORTAL_CPU_MS,
      units: { latency: "ms per page, client-side", cpu: "ms of CPU (user + system) per page", ratio: "ours ÷ floor" },
    };
  } finally {
    await ours?.stop();
    await floor.stop();
  }
}
