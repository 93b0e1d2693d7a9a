import { loadavg } from "node:os";
import { inArray } from "drizzle-orm";
import { hashPassword } from "@cs/auth/server";
import { createDatabase, users } from "@cs/db";
import { PortalClient } from "./lib/http-client";
import { startPortal, type BenchApp } from "./lib/portal";
import { median, percentile, round } from "./lib/stats";

export const AIM_P95_MS = 150;
const WARMUP = 10;
const PASSWORD = "Bench@2026-home";

/** Every role's demo user, by app: the home page each lands on after signing in. */
const ROLES: Record<BenchApp, string[]> = {
  portal: ["dealer@demo.cn", "buyer@demo.cn", "master@demo.cn", "station@demo.cn", "customer@demo.cn"],
  backoffice: ["orderdesk@demo.cn", "warehouse@demo.cn", "finance@demo.cn", "sales.bj@demo.cn", "manager@demo.cn", "service@demo.cn", "marketing@demo.cn", "admin@demo.cn"],
};

async function timed(runs: number, fn: () => Promise<void>) {
  const samples: number[] = [];
  for (let i = 0; i < WARMUP + runs; i++) {
    const t0 = performance.now();
    await fn();
    if (i >= WARMUP) samples.push(performance.now() - t0);
  }
  return samples;
}

const figures = (samples: number[]) => ({ median_ms: round(median(samples), 3), p95_ms: round(percentile(samples, 95), 3) });

/**
 * home_pages: each role's home page (`/`) over HTTP from the production builds, `runs` sequential GETs
 * per signed-in demo user on the bench database (demo + large seed, and whatever earlier entries
 * generated: a million orders and repair requests when order_list_1m and service_desk_1m ran). The
 * anchor, in the same run and server: the anonymous sign-in page of the same app. The demo users get a
 * real argon2 hash here (the bench seed gives them fakes) so they sign in through the real form.
 */
export async function homePagesBench(url: string, options: { runs: number; log: (m: string) => void }) {
  const db = createDatabase(url, { max: 2 });
  const pages: Record<string, ReturnType<typeof figures> & { app: BenchApp; bytes: number }> = {};
  const anchors: Record<string, ReturnType<typeof figures>> = {};
  const all: number[] = [];
  const started = performance.now();
  try {
    const hash = await hashPassword(PASSWORD);
    await db.update(users).set({ passwordHash: hash }).where(inArray(users.login, [...ROLES.portal, ...ROLES.backoffice]));
    for (const app of ["portal", "backoffice"] as const) {
      const server = await startPortal(url, 0, options.log, app);
      try {
        const anonymous = new PortalClient(server.base);
        anchors[app] = figures(
          await timed(options.runs, async () => {
            const r = await anonymous.get("/login");
            if (r.status !== 200) throw new Error(`${app} /login: ${r.status}`);
          }),
        );
        for (const login of ROLES[app]) {
          const client = new PortalClient(server.base);
          await client.signIn(login, PASSWORD);
          let bytes = 0;
          const samples = await timed(options.runs, async () => {
            const r = await client.get("/");
            // A home page that fell back to an error or sign-in would time the wrong thing.
            if (r.status !== 200 || !r.body.includes('action="/logout"')) throw new Error(`${app} home of ${login}: ${r.status} ${r.location ?? r.body.slice(0, 200)}`);
            bytes = r.body.length;
          });
          all.push(...samples);
          pages[login] = { app, bytes, ...figures(samples) };
          options.log(`home_pages: ${app} ${login} median ${pages[login].median_ms} ms, p95 ${pages[login].p95_ms} ms`);
        }
      } finally {
        await server.stop();
      }
    }
    const worst = Math.max(...Object.values(pages).map((p) => p.p95_ms));
    return {
      load_average_after: round(loadavg()[0]!),
      runs_per_page: options.runs,
      page: "GET / (each app's production build, one signed-in demo user per role, sequential)",
      ...figures(all),
      seconds: round((performance.now() - started) / 1000, 1),
      worst_page_p95_ms: worst,
      pages,
      anchor_login_page: anchors,
      aim_p95_ms: AIM_P95_MS,
      ok: worst < AIM_P95_MS,
    };
  } finally {
    await db.$client.end();
  }
}
