import "./lib/production-env";
import type { Server } from "node:http";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import type { ServerBuild } from "react-router";
import { demoSignIns } from "@cs/db/seed";
import { StartupCheckError, checkPortFree } from "@cs/db/local-server";
import { prepareDatabase, sessionSecret } from "./lib/database";
import { readWorkerEnv, startWorker } from "@cs/worker";

/** Serves one app's production build: hashed assets with long caching, everything else via React Router. */
async function serveApp(app: "portal" | "backoffice", port: number): Promise<Server> {
  const root = resolve("apps", app, "build");
  const build = (await import(pathToFileURL(resolve(root, "server/index.js")).href)) as ServerBuild;
  const server = express();
  server.disable("x-powered-by");
  server.use((req, res, next) => {
    // Replace anything a client sent: the socket address is the only trusted source here.
    req.headers["x-cs-client-ip"] = req.socket.remoteAddress ?? "127.0.0.1";
    next();
  });
  // Pages get their security headers from the app middleware; static files get theirs here.
  const setHeaders = (res: express.Response) => res.setHeader("X-Content-Type-Options", "nosniff");
  server.use("/assets", express.static(resolve(root, "client/assets"), { immutable: true, maxAge: "1y", setHeaders }));
  // Only paths naming a file (favicon.ico, robots.txt) may be static: pages skip a stat() per request.
  const rootFiles = express.static(resolve(root, "client"), { maxAge: "1h", setHeaders });
  server.use((req, res, next) => (extname(req.path) ? rootFiles(req, res, next) : next()));
  server.all("/{*splat}", createRequestHandler({ build, mode: "production" }));
  return new Promise((ok) => {
    const s = server.listen(port, () => ok(s));
  });
}

async function main() {
  const portalPort = Number(process.env.PORTAL_PORT ?? 3000);
  const backofficePort = Number(process.env.BACKOFFICE_PORT ?? 3001);
  // Before PostgreSQL starts: a taken app port found later would leave the database running.
  await checkPortFree(portalPort, "PORTAL_PORT", "the portal");
  await checkPortFree(backofficePort, "BACKOFFICE_PORT", "the back-office");
  const db = await prepareDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.SESSION_SECRET = sessionSecret();
  process.env.NODE_ENV = "production";
  const servers = await Promise.all([serveApp("portal", portalPort), serveApp("backoffice", backofficePort)]);
  const worker = startWorker(db.url, readWorkerEnv());

  console.log(`\n  Database     ${db.embedded ? `embedded PostgreSQL (${process.env.PG_DATA_DIR ?? ".data/postgres"})` : "DATABASE_URL"}${db.seeded ? ", demo data seeded" : ""}`);
  console.log(`  Portal       http://localhost:${portalPort}`);
  console.log(`  Back-office  http://localhost:${backofficePort}`);
  console.log(`  Mail worker  ${worker.transport} transport\n`);
  if (db.embedded || process.env.DEMO_SEED === "1") {
    console.log("  Demo sign-ins (password for all: Demo@2026)");
    for (const s of demoSignIns) console.log(`    ${s.app.padEnd(10)} ${s.login.padEnd(22)} ${s.description}`);
    console.log("");
  }

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\n  Stopping…");
    await Promise.all(servers.map((s) => new Promise((ok) => { s.closeAllConnections(); s.close(ok); })));
    await worker.stop();
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((error) => {
  // A failed startup check is one sentence saying what to do; its stack trace would only bury it.
  console.error(error instanceof StartupCheckError ? error.message : error);
  process.exit(1);
});
