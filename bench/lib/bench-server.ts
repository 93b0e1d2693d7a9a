import type { Express, RequestHandler } from "express";

/**
 * What the bench's child servers (the portal, the back-office, page_floor's bare app) share: every
 * response says which NODE_ENV the process runs with and which server it is, so the harness refuses
 * anything else; and the "listening <port>" line it waits for.
 */
export const NODE_ENV_HEADER = "X-Bench-Node-Env";
export const SERVER_ID_HEADER = "X-Bench-Server-Id";

export const benchHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader(NODE_ENV_HEADER, process.env.NODE_ENV ?? "");
  res.setHeader(SERVER_ID_HEADER, process.env.BENCH_SERVER_ID ?? "");
  next();
};

/** Listens on 127.0.0.1 (0 takes a free port), prints the port for the harness, and stops on SIGINT/SIGTERM. */
export function listenForHarness(app: Express, port: number) {
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
}
