/**
 * `node --import tsx bench/page-ab.ts`: CPU per signed-in page of two (or more) portal production
 * builds, measured in one process against the bench's database, in interleaved batches, so a busy
 * machine slows each build alike. No HTTP: requests go straight to React Router's handler (8 in
 * flight), so the figure is the app's own work (middleware, loaders, rendering) plus building the
 * Request. Keep a copy of the build before a change (cp -rp apps/portal/build .data/ab-before) and
 * compare: BUILDS=.data/ab-before,apps/portal/build. Env: PAGE (default /account), BATCH (requests
 * per batch, 40), ROUNDS (batches per build, 20), BENCH_PG_PORT as for `npm run bench`.
 */
import "../scripts/lib/production-env";
import { randomBytes } from "node:crypto";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler, type ServerBuild } from "react-router";
import { createDatabase } from "@cs/db";
import { preparePortalRole } from "@cs/db/local-server";
import { prepareBenchDatabase } from "./lib/database";
import { ensureDealers } from "./lib/dealers";

const BATCH = Number(process.env.BATCH ?? 40);
const ROUNDS = Number(process.env.ROUNDS ?? 20);
const PATH = process.env.PAGE ?? "/account";
const builds = (process.env.BUILDS ?? ".data/ab-before,apps/portal/build").split(",");
const server = await prepareBenchDatabase(() => {});
try {
  process.env.DATABASE_URL = server.url;
  process.env.SESSION_SECRET = randomBytes(32).toString("base64url");
  process.env.PORTAL_DATABASE_URL = await preparePortalRole({ ownerUrl: server.url, portalUrl: undefined, password: randomBytes(24).toString("base64url") });
  const db = createDatabase(server.url, { max: 2 });
  const [dealer] = await ensureDealers(db, 1);
  const { createSession, sessionCookie } = await import("@cs/auth/server");
  const token = await createSession(db, dealer!.userId, { ip: "127.0.0.1", userAgent: null });
  const sessionPart = (await sessionCookie("portal").serialize(token)).split(";")[0]!;
  const runners = [];
  for (const b of builds) {
    const build = (await import(pathToFileURL(resolve(b, "server/index.js")).href)) as ServerBuild;
    const handler = createRequestHandler(build, "production");
    const first = await handler(new Request("http://127.0.0.1:3000" + PATH, { headers: { cookie: sessionPart, "x-cs-client-ip": "127.0.0.1" } }));
    const cookie = `${sessionPart}; ${first.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ")}`;
    const body = await first.text();
    console.log(b, "status", first.status, "bytes", body.length);
    const once = async () => {
      const r = await handler(new Request("http://127.0.0.1:3000" + PATH, { headers: { cookie, "x-cs-client-ip": "127.0.0.1", "user-agent": "Mozilla/5.0" } }));
      if (r.status !== 200) throw new Error(String(r.status));
      await r.text();
    };
    runners.push({ b, once, cpu: [] as number[] });
  }
  const batch = async (once: () => Promise<void>, n: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next++ < n) await once();
      }),
    );
  };
  for (const r of runners) await batch(r.once, 300);
  for (let round = 0; round < ROUNDS; round++) {
    for (const r of round % 2 ? [...runners].reverse() : runners) {
      const c0 = process.cpuUsage();
      await batch(r.once, BATCH);
      const c = process.cpuUsage(c0);
      r.cpu.push((c.user + c.system) / 1000 / BATCH);
    }
  }
  for (const r of runners) {
    const s = [...r.cpu].sort((a, b) => a - b);
    const med = s[Math.floor(s.length / 2)]!;
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    console.log(`${r.b}: CPU ms/page median ${med.toFixed(3)}, mean ${mean.toFixed(3)}, min ${s[0]!.toFixed(3)}, p25 ${s[Math.floor(s.length / 4)]!.toFixed(3)}`);
  }
  await db.$client.end();
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await server.stop();
  process.exit();
}
