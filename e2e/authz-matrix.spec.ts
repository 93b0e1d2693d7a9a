import { writeFileSync } from "node:fs";
import { createDatabase, type Database } from "@cs/db";
import { clientFor, get, inBatches, pathOf, post, type Client, type Result } from "./authz/client";
import { changedTables, fingerprint, workerSettled } from "./authz/fingerprint";
import { idFor, type IdVariant } from "./authz/ids";
import { manifests } from "./authz/manifest";
import type { RouteEntry } from "./authz/manifest-types";
import { principalsOf, type Principal } from "./authz/principals";
import { appRoutes, type AppRoute } from "./authz/routes";
import { expect, test } from "./fixtures";
import { e2eDatabaseUrl, type App } from "./urls";

/**
 * The authorization matrix: every route of both apps' routes.ts × every demo sign-in of the seed
 * (and an anonymous visitor) × an id the user owns, another tenant's id and an unknown id, for the
 * page, its `.data` request and every intent of its action. A request the user may not make must
 * be refused (403/404, or a redirect to sign-in without a session), never answered with a page and
 * never with a 500; refused posts must change no row and write no audit entry.
 * e2e/authz/manifest.ts says per route who may open it and where its ids come from.
 */

const apps: App[] = ["portal", "backoffice"];
const variants: IdVariant[] = ["owned", "foreign", "unknown"];

let db: Database;
test.beforeAll(() => {
  db = createDatabase(e2eDatabaseUrl, { max: 2 });
});
test.afterAll(async () => {
  await db?.$client.end({ timeout: 5 });
});

type Case = { route: AppRoute; entry: RouteEntry; who: Principal; variant: IdVariant; path: string };

const allows = (entry: RouteEntry, who: Principal) => entry.allow === "all" || entry.allow.includes(who.name);

/** What the matrix expects of a GET (or of a post that must be refused): null = anything but a 500. */
function expected(c: Case): "ok" | "login" | "refused" | null {
  if (c.entry.public) return null;
  if (c.who.kind === "anonymous") return "login";
  if (!allows(c.entry, c.who) || c.variant !== "owned") return "refused";
  return "ok";
}

function violation(c: Case, result: Result, want: ReturnType<typeof expected>, method = "GET"): string | null {
  if (result.outcome === "error") return `HTTP ${result.status}`;
  if (want === null) return null;
  // An action-only route has nothing to show: any GET is refused, with the framework's 400/405.
  if (method === "GET" && !c.route.hasLoader)
    return [400, 403, 404, 405].includes(result.status) || result.outcome === "login" ? null : `expected no page, got HTTP ${result.status}`;
  if (want === "ok" && (result.outcome === "ok" || (c.entry.redirects && result.outcome === "redirect"))) return null;
  if (want === "login" && (result.outcome === "login" || result.status === 403 || result.status === 404)) return null;
  if (want === "login" && c.entry.redirects && result.outcome === "redirect") return null;
  if (want === "refused" && (result.status === 403 || result.status === 404)) return null;
  // A post can be refused by the form's validation before any lookup: a 400 that changed nothing
  // (the fingerprint around the batch proves it) and says nothing about the row.
  if (want === "refused" && method === "POST" && result.status === 400) return null;
  return `expected ${want}, got HTTP ${result.status}${result.location ? ` → ${result.location}` : ""}`;
}

/** Every route × principal × id variant of `app` that can be built (owned / foreign ids exist). */
async function casesOf(app: App, principals: Principal[]): Promise<Case[]> {
  const manifest = manifests[app];
  const cases: Case[] = [];
  for (const route of appRoutes(app)) {
    const entry = manifest[route.pattern];
    if (!entry) continue;
    for (const who of principals) {
      // Nobody owns anything without a session: one id is enough to show the sign-in redirect.
      for (const variant of route.params.length && who.kind !== "anonymous" ? variants : (["owned"] as const)) {
        const params = route.params.length ? await idFor(db, entry.ids!, route.params, who, variant) : {};
        const skip = entry.file && expected({ route, entry, who, variant, path: "" }) === "ok";
        if (params && !skip) cases.push({ route, entry, who, variant, path: pathOf(route.pattern, params) });
      }
    }
  }
  return cases;
}

const describeCase = (c: Case) => `${c.route.app} /${c.route.pattern} as ${c.who.name} (${c.variant}) ${c.path}`;

test.describe("authorization matrix", () => {
  // About a minute per test on a quiet 2-core machine; the long timeouts are for a machine shared
  // with other builds (measured: 2 minutes and more per test at a load average of 40).
  test("every route of both apps has an entry in the matrix, with its ids and intents", () => {
    const problems: string[] = [];
    for (const app of apps) {
      const routes = appRoutes(app);
      const manifest = manifests[app];
      for (const route of routes) {
        const entry = manifest[route.pattern];
        if (!entry) {
          problems.push(`${app}: /${route.pattern} (${route.file}) has no entry in e2e/authz/manifest.ts`);
          continue;
        }
        if (route.params.length && !entry.ids) problems.push(`${app}: /${route.pattern} needs ids for ${route.params.join(", ")}`);
        const listed = new Set(entry.intents ?? []);
        const missing = route.intents.filter((i) => !listed.has(i));
        if (missing.length) problems.push(`${app}: /${route.pattern} posts intents the matrix does not: ${missing.join(", ")}`);
      }
      const patterns = new Set(routes.map((r) => r.pattern));
      for (const pattern of Object.keys(manifest)) if (!patterns.has(pattern)) problems.push(`${app}: /${pattern} is in the matrix but not in routes.ts`);
    }
    expect(problems).toEqual([]);
  });

  for (const app of apps) {
    test(`${app}: pages and .data requests answer each user only what it may see`, async ({ browser }) => {
      test.setTimeout(480_000);
      const principals = await principalsOf(db, app);
      const clients = new Map<string, Client>();
      for (const who of principals) clients.set(who.name, await clientFor(browser, who));
      const cases = await casesOf(app, principals);
      // Ids of rows each user must not reach (its foreign cases): none may appear in what it was shown.
      const foreignIds = new Map<string, Set<string>>();
      for (const c of cases)
        if (c.variant === "foreign")
          for (const id of c.path.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g) ?? [])
            foreignIds.set(c.who.name, (foreignIds.get(c.who.name) ?? new Set()).add(id));
      // A row can be foreign on one route and the user's own on another (its own order is not one
      // it supplies): only ids it owns nowhere count.
      for (const c of cases) if (c.variant === "owned") for (const id of c.path.split("/")) foreignIds.get(c.who.name)?.delete(id);
      // A page the user may open is asked for its .data only (the loaders are the same, the
      // server-side render is what costs); a refused one both ways. Resource routes have no .data.
      const forms = (c: Case) => (c.route.resource ? [false] : expected(c) === "ok" ? [true] : [false, true]);
      const tasks = cases.flatMap((c) =>
        forms(c).map((data) => async () => {
          const { body, ...result } = await get(clients.get(c.who.name)!, c.path, data);
          const leaked = result.outcome === "ok" ? [...(foreignIds.get(c.who.name) ?? [])].filter((id) => body?.includes(id)) : [];
          return { c, data, result, leaked };
        }),
      );
      const results = await inBatches(tasks);
      if (process.env.AUTHZ_RECORD)
        writeFileSync(`${process.env.AUTHZ_RECORD}-${app}.json`, JSON.stringify(results.map(({ c, data, result }) => ({ pattern: c.route.pattern, who: c.who.name, variant: c.variant, data, ...result }))));
      const failures = results.flatMap(({ c, data, result, leaked }) => {
        const problem = violation(c, result, expected(c));
        const where = `${describeCase(c)}${data ? " .data" : ""}`;
        return [...(problem ? [`${where}: ${problem}`] : []), ...(leaked.length ? [`${where}: shows ids of rows it may not open: ${leaked.join(", ")}`] : [])];
      });
      console.log(`authz ${app}: ${new Set(cases.map((c) => c.route.pattern)).size} routes, ${principals.length} principals, ${results.length} GET requests`);
      for (const client of clients.values()) await client.request.dispose();
      expect(failures).toEqual([]);
    });

    test(`${app}: refused posts of every action intent change nothing and write no audit entry`, async ({ browser }) => {
      test.setTimeout(480_000);
      const principals = await principalsOf(db, app);
      const clients = new Map<string, Client>();
      for (const who of principals) clients.set(who.name, await clientFor(browser, who));
      const cases = (await casesOf(app, principals)).filter((c) => c.route.hasAction && expected(c) !== null && expected(c) !== "ok");
      await workerSettled(db);
      const before = await fingerprint(db);
      const tasks = cases.flatMap((c) =>
        ["", ...(c.entry.intents ?? [])].flatMap((intent) =>
          [false].map((data) => async () => ({
            c,
            intent,
            data,
            result: await post(clients.get(c.who.name)!, c.path, intent ? { intent } : {}, data),
          })),
        ),
      );
      const results = await inBatches(tasks);
      const after = await fingerprint(db);
      if (process.env.AUTHZ_RECORD)
        writeFileSync(`${process.env.AUTHZ_RECORD}-${app}-post.json`, JSON.stringify(results.map(({ c, intent, data, result }) => ({ pattern: c.route.pattern, who: c.who.name, variant: c.variant, intent, data, ...result }))));
      const failures = results.flatMap(({ c, intent, data, result }) => {
        const problem = violation(c, result, expected(c), "POST");
        return problem ? [`POST ${describeCase(c)} intent=${intent || "(none)"}${data ? " .data" : ""}: ${problem}`] : [];
      });
      console.log(`authz ${app}: ${results.length} refused POST requests over ${new Set(cases.map((c) => c.route.pattern)).size} actions`);
      for (const client of clients.values()) await client.request.dispose();
      expect(failures).toEqual([]);
      expect(changedTables(before, after), "tables changed by refused posts").toEqual([]);
    });
  }
});
