import { mkdtempSync, writeFileSync } from "node:fs";
import type { Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createElement, Fragment } from "react";
import { data, Scripts, type ServerBuild } from "react-router";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appMiddleware } from "@cs/auth/server";
import { i18nextMiddleware } from "@cs/i18n/server";
import { handleDataRequest, handleError, handleRequest } from "@cs/web/server";
import { createAppServer } from "../scripts/lib/app-server";
import { testDatabaseUrl } from "./db";

/**
 * The production HTTP server (scripts/lib/app-server.ts) around a small React Router build that
 * uses the apps' real root middleware and entry module: a page with an action, a resource route.
 */
function testBuild(): ServerBuild {
  const routeAssets = (id: string, parentId: string | undefined, hasAction: boolean) => ({
    id,
    parentId,
    module: `/${id}.js`,
    imports: [],
    hasAction,
    hasLoader: true,
    hasClientAction: false,
    hasClientLoader: false,
    hasClientMiddleware: false,
    hasErrorBoundary: id === "root",
  });
  const text = (body: string) => () => createElement("p", null, body);
  const notFound = () => {
    throw data(null, { status: 404 });
  };
  return {
    entry: { module: { default: handleRequest, handleDataRequest, handleError } },
    routes: {
      root: {
        id: "root",
        path: "",
        module: {
          middleware: [i18nextMiddleware, appMiddleware("portal")],
          loader: () => null,
          default: () => createElement(Fragment, null, createElement("p", null, "page"), createElement(Scripts)),
          ErrorBoundary: text("refused"),
        },
      },
      form: { id: "form", parentId: "root", path: "form", module: { loader: () => null, action: () => ({ ok: true }), default: text("form") } },
      file: { id: "file", parentId: "root", path: "file", module: { loader: () => new Response("file"), action: () => new Response("done") } },
      // As the apps' routes/not-found.tsx: a splat route, so unknown paths pass the middleware too.
      missing: { id: "missing", parentId: "root", path: "*", module: { loader: notFound, default: text("missing") } },
    },
    assets: {
      entry: { module: "/entry.client.js", imports: [] },
      url: "/manifest.js",
      version: "test",
      routes: {
        root: routeAssets("root", undefined, false),
        form: routeAssets("form", "root", true),
        file: routeAssets("file", "root", true),
        missing: routeAssets("missing", "root", false),
      },
    },
    publicPath: "/",
    assetsBuildDirectory: "",
    basename: "/",
    future: { v8_middleware: true },
    ssr: true,
    isSpaMode: false,
    prerender: [],
    routeDiscovery: { mode: "initial", manifestPath: "/__manifest" },
  } as unknown as ServerBuild;
}

let server: Server;
let base = "";

beforeAll(async () => {
  process.env.DATABASE_URL = testDatabaseUrl();
  process.env.SESSION_SECRET = "integration-test-secret-of-32-characters";
  const client = mkdtempSync(join(tmpdir(), "cs-headers-"));
  writeFileSync(join(client, "robots.txt"), "User-agent: *\n");
  server = await new Promise<Server>((ok) => {
    const s = createAppServer(testBuild(), client).listen(0, "127.0.0.1", () => ok(s));
  });
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const form = (fields: Record<string, string>) => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded" },
  body: new URLSearchParams(fields),
});

describe("every response carries the security headers", () => {
  it.each<[string, string, RequestInit, number]>([
    ["a page", "/", {}, 200],
    ["a .data request", "/form.data", {}, 200],
    ["a resource route", "/file", {}, 200],
    ["a static file", "/robots.txt", {}, 200],
    ["a 404 page", "/no-such-page", {}, 404],
    ["a 404 .data request", "/no-such-page.data", {}, 404],
    ["the CSRF refusal of a form", "/form", form({ name: "x" }), 403],
    ["the CSRF refusal of a .data action", "/form.data", form({ name: "x" }), 403],
    ["the CSRF refusal of a resource route", "/file", form({ name: "x" }), 403],
    ["the framework's 400 for a foreign Origin", "/form", { ...form({}), headers: { Origin: "https://evil.example" } }, 400],
    ["the framework's 400 for a foreign Origin on .data", "/form.data", { ...form({}), headers: { Origin: "https://evil.example" } }, 400],
  ])("%s", async (_name, path, init, status) => {
    const response = await fetch(base + path, { ...init, redirect: "manual" });
    await response.arrayBuffer();
    expect(response.status).toBe(status);
    const csp = response.headers.get("Content-Security-Policy") ?? "";
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    // One policy, not the app's and the server's fallback side by side.
    expect(csp.match(/default-src/g)).toHaveLength(1);
    expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(response.headers.get("X-Frame-Options")).toBe("DENY");
    expect(response.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
  });

  it("pages allow their own scripts by the request's nonce, and nothing else inline", async () => {
    const page = await fetch(base + "/");
    const html = await page.text();
    const nonce = /'nonce-([^']+)'/.exec(page.headers.get("Content-Security-Policy") ?? "")?.[1];
    expect(nonce).toBeTruthy();
    expect(html).toContain(`nonce="${nonce}"`);
    const robots = await fetch(base + "/robots.txt");
    expect(robots.headers.get("Content-Security-Policy")).toContain("script-src 'self';");
  });
});
