// Child process of the order_place_http benchmark: the portal's production build, served by
// scripts/start.ts's own server. The first import sets NODE_ENV=production before React loads.
import "../../scripts/lib/production-env";
import { createAppServer } from "../../scripts/lib/app-server";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";

/** Every response says which NODE_ENV this process runs with, so the harness can refuse anything else. */
export const NODE_ENV_HEADER = "X-Bench-Node-Env";
/** And which server it is, so the harness knows it is not talking to someone else's on the same port. */
export const SERVER_ID_HEADER = "X-Bench-Server-Id";

/** 0 (the default) takes a free port; the harness reads it from the "listening" line. */
const port = Number(process.env.PORTAL_PORT ?? 0);
if (!process.env.DATABASE_URL || !process.env.SESSION_SECRET || !Number.isInteger(port)) throw new Error("serve-portal needs DATABASE_URL and SESSION_SECRET");

const root = resolve(process.env.PORTAL_BUILD ?? "apps/portal/build");
const build = (await import(pathToFileURL(resolve(root, "server/index.js")).href)) as ServerBuild;
const app = createAppServer(build, resolve(root, "client"), [
  (_req, res, next) => {
    res.setHeader(NODE_ENV_HEADER, process.env.NODE_ENV ?? "");
    res.setHeader(SERVER_ID_HEADER, process.env.BENCH_SERVER_ID ?? "");
    next();
  },
]);
// Express 5 calls back with the error when the port is taken
const server = app.listen(port, "127.0.0.1", (error?: Error) => {
  if (error) {
    console.error(`cannot listen on ${port}: ${error.message}`);
    process.exit(1);
  }
  const address = server.address();
  console.log(`listening ${typeof address === "object" && address ? address.port : port}`);
});
const stop = () => {
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
