// Child process of the page_floor benchmark: the floor app's production build behind the plain
// @react-router/express handler, nothing else (no security headers, no static files, no middleware).
import "../../scripts/lib/production-env";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import type { ServerBuild } from "react-router";

/** As bench/lib/serve-portal.ts: the harness checks both before it measures anything. */
const NODE_ENV_HEADER = "X-Bench-Node-Env";
const SERVER_ID_HEADER = "X-Bench-Server-Id";

const port = Number(process.env.PORTAL_PORT ?? 0);
if (!process.env.DATABASE_URL || !Number.isInteger(port)) throw new Error("the floor server needs DATABASE_URL");
const root = resolve(process.env.PORTAL_BUILD ?? "bench/floor/build");
const build = (await import(pathToFileURL(resolve(root, "server/index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use((_req, res, next) => {
  res.setHeader(NODE_ENV_HEADER, process.env.NODE_ENV ?? "");
  res.setHeader(SERVER_ID_HEADER, process.env.BENCH_SERVER_ID ?? "");
  next();
});
app.all("/{*splat}", createRequestHandler({ build, mode: "production" }));
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
