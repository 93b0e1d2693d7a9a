// Child process of the order_place_http benchmark: the portal's production build, served by
// scripts/start.ts's own server. The first import sets NODE_ENV=production before React loads.
import "../../scripts/lib/production-env";
import { createAppServer } from "../../scripts/lib/app-server";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { ServerBuild } from "react-router";
import { benchHeaders, listenForHarness } from "./bench-server";

/** 0 (the default) takes a free port; the harness reads it from the "listening" line. */
const port = Number(process.env.PORTAL_PORT ?? 0);
if (!process.env.DATABASE_URL || !process.env.SESSION_SECRET || !Number.isInteger(port)) throw new Error("serve-portal needs DATABASE_URL and SESSION_SECRET");

const root = resolve(process.env.PORTAL_BUILD ?? "apps/portal/build");
const build = (await import(pathToFileURL(resolve(root, "server/index.js")).href)) as ServerBuild;
const app = createAppServer(build, resolve(root, "client"), [benchHeaders]);
listenForHarness(app, port);
