import "./lib/production-env";
import type { Server } from "node:http";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { demoSignIns } from "@cs/seed";
import { createAppServer } from "./lib/app-server";
import { StartupCheckError, checkPortFree } from "@cs/db/local-server";
import { prepareDatabase, sessionSecret } from "./lib/database";
import { readWorkerEnv, startWorker } from "@cs/worker";

/** Serves one app's production build (scripts/lib/app-server.ts). */
async function serveApp(app: "portal" | "backoffice", port: number): Promise<Server> {
  const root = resolve("apps", app, "build");
  const build = (await import(pathToFileURL(resolve(root, "server/index.js")).href)) as ServerBuild;
  const server = createAppServer(build, resolve(root, "client"));
  return new Promise((ok) => {
    const s = server.listen(port, () => ok(s));
  });
}

/** `--disable-proto=throw` makes any `obj.__proto__` access throw, so no request can reach a prototype that way. */
function prototypeAccessDisabled() {
  try {
    void (Object.prototype as { __proto__?: unknown }).__proto__;
    return false;
  } catch {
    return true;
  }
}

async function main() {
  if (!prototypeAccessDisabled())
    console.warn("  Warning: started without node --disable-proto=throw; npm start and npm run serve pass it, start the server the same way in production.");
  const portalPort = Number(process.env.PORTAL_PORT ?? 3000);
  const backofficePort = Number(process.env.BACKOFFICE_PORT ?? 3001);
  // Before PostgreSQL starts: a taken app port found later would leave the database running.
  await checkPortFree(portalPort, "PORTAL_PORT", "the portal");
  await checkPortFree(backofficePort, "BACKOFFICE_PORT", "the back-office");
  const db = await prepareDatabase();
  process.env.DATABASE_URL = db.url;
  process.env.PORTAL_DATABASE_URL = db.portalUrl;
  process.env.SESSION_SECRET = sessionSecret();
  process.env.NODE_ENV = "production";
  const servers = await Promise.all([serveApp("portal", portalPort), serveApp("backoffice", backofficePort)]);
  const worker = startWorker(db.url, readWorkerEnv());

  console.log(`\n  Database     ${db.embedded ? `embedded PostgreSQL (${process.env.PG_DATA_DIR ?? ".data/postgres"})` : "DATABASE_URL"}${db.seeded ? ", demo data seeded" : ""}`);
  console.log(`  Portal       http://localhost:${portalPort}`);
  console.log(`  Back-office  http://localhost:${backofficePort}`);
  console.log(`  Mail worker  ${worker.transport} transport, SMS ${worker.smsTransport}\n`);
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
