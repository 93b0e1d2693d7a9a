// Child process of the order_place_http benchmark: the portal's production build, served the way
// scripts/start.ts serves it. The first import sets NODE_ENV=production before React loads.
import "../../scripts/lib/production-env";
import { extname, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import express from "express";
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
const app = express();
app.disable("x-powered-by");
app.use((req, res, next) => {
  req.headers["x-cs-client-ip"] = req.socket.remoteAddress ?? "127.0.0.1";
  res.setHeader(NODE_ENV_HEADER, process.env.NODE_ENV ?? "");
  res.setHeader(SERVER_ID_HEADER, process.env.BENCH_SERVER_ID ?? "");
  next();
});
app.use("/assets", express.static(resolve(root, "client/assets"), { immutable: true, maxAge: "1y" }));
// As scripts/start.ts: only paths naming a file may be static, so pages skip a stat() per request.
const rootFiles = express.static(resolve(root, "client"), { maxAge: "1h" });
app.use((req, res, next) => (extname(req.path) ? rootFiles(req, res, next) : next()));
app.all("/{*splat}", createRequestHandler({ build, mode: "production" }));
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
