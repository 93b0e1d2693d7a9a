// Child process of the page_floor benchmark: the floor app's production build behind the plain
// @react-router/express handler, nothing else (no security headers, no static files, no middleware).
import "../../scripts/lib/production-env";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@react-router/express";
import express from "express";
import type { ServerBuild } from "react-router";
import { benchHeaders, listenForHarness } from "../lib/bench-server";

const port = Number(process.env.PORTAL_PORT ?? 0);
if (!process.env.DATABASE_URL || !Number.isInteger(port)) throw new Error("the floor server needs DATABASE_URL");
const root = resolve(process.env.PORTAL_BUILD ?? "bench/floor/build");
const build = (await import(pathToFileURL(resolve(root, "server/index.js")).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
app.use(benchHeaders);
app.all("/{*splat}", createRequestHandler({ build, mode: "production" }));
listenForHarness(app, port);
