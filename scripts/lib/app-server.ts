import { extname, resolve } from "node:path";
import { createRequestHandler } from "@react-router/express";
import compression from "compression";
import express from "express";
import type { ServerBuild } from "react-router";
import { securityHeadersMiddleware } from "@cs/auth";

/**
 * One app's production server, as `npm start` and the benchmarks run it: the security headers on
 * every response (first, so nothing can answer without them), the client address from the socket,
 * hashed assets with long caching (compressed: a phone on a slow network downloads a third of the
 * bytes; browsers keep them for a year, so the CPU is spent once per visitor and version), root files,
 * and everything else through React Router.
 */
export function createAppServer(build: ServerBuild, clientDir: string, before: express.RequestHandler[] = []) {
  const server = express();
  server.disable("x-powered-by");
  server.use(securityHeadersMiddleware({ dev: false }));
  server.use((req, _res, next) => {
    // Replace anything a client sent: the socket address is the only trusted source here.
    req.headers["x-cs-client-ip"] = req.socket.remoteAddress ?? "127.0.0.1";
    next();
  });
  for (const handler of before) server.use(handler);
  server.use("/assets", compression(), express.static(resolve(clientDir, "assets"), { immutable: true, maxAge: "1y" }));
  // Only paths naming a file (favicon.ico, robots.txt) may be static: pages skip a stat() per request.
  const rootFiles = express.static(clientDir, { maxAge: "1h" });
  server.use((req, res, next) => (extname(req.path) ? rootFiles(req, res, next) : next()));
  server.all("/{*splat}", createRequestHandler({ build, mode: "production" }));
  return server;
}
