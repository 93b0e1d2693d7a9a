import fc from "fast-check";
import { createDatabase, type Database } from "@cs/db";
import { clientFor, pathOf, type Client } from "./authz/client";
import { changedTables, fingerprint, workerSettled } from "./authz/fingerprint";
import { idFor } from "./authz/ids";
import { manifests } from "./authz/manifest";
import { principalsOf, type Principal } from "./authz/principals";
import { appRoutes, type AppRoute } from "./authz/routes";
import { expect, test } from "./fixtures";
import { appURL, e2eDatabaseUrl, type App } from "./urls";

/**
 * Hostile-input fuzzing of every action of both apps with fast-check: real field names of the
 * route's forms and prototype keys, control characters, huge and non-decimal numbers, overlong
 * strings, repeated fields where one value is expected, missing fields. Never a 500, and a request
 * that was refused stored nothing (fingerprint of every table around each action's runs).
 * Deterministic: a fixed seed (FUZZ_SEED overrides it) and a bounded number of runs per action.
 * Routes with ids are posted with an unknown id, so no run can change the demo data the later
 * specs rely on; the id-free forms (create, cart, settings) get the whole input.
 */

const seed = Number(process.env.FUZZ_SEED ?? 20_261_207);
const runsPerAction = Number(process.env.FUZZ_RUNS ?? 12);

/** The user each app's actions are fuzzed as: the one the manifest lets open the route, by preference. */
const preferred: Record<App, string[]> = {
  portal: ["dealer@demo.cn", "station@demo.cn", "customer@demo.cn", "master@demo.cn", "tech@demo.cn"],
  backoffice: ["admin@demo.cn"],
};

const hostileNames = [
  "__proto__",
  "constructor",
  "prototype",
  "a.__proto__.b",
  "__proto__.allScopes",
  "constructor.prototype.allScopes",
  "lines.0.__proto__.x",
  "lines.99999.quantity",
  "a..b",
  ".",
  "x\u0000y",
  "名字",
];

const hostileValues = [
  "1e309",
  "-1e309",
  "0x10",
  "-0",
  "1e3",
  "NaN",
  "Infinity",
  "-1",
  "0.001",
  "99999999999999999999999999999999999999",
  "9007199254740993",
  "\u0000",
  "a\u0000b",
  "\u0001\u001f\u007f",
  "\r\n\t",
  "'; drop table orders; --",
  "<script>alert(1)</script>",
  "x".repeat(100_000),
  "",
  " ",
  "2026-13-45",
  "0000-00-00",
  "00000000-0000-0000-0000-000000000000",
  "not-a-uuid",
  "true",
  "[]",
  "{}",
  "\u{1F600}".repeat(300),
];

const value = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...hostileValues) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
);

/** A form as fields in order (a name may repeat: an array where one value is expected). */
function formOf(names: string[], intents: readonly string[]) {
  const clean = names.length ? fc.constantFrom(...names) : fc.constantFrom("name", "quantity", "id");
  const field = (nameArb: fc.Arbitrary<string>) => fc.tuple(nameArb, value);
  const intent = fc.option(fc.constantFrom(...intents, "no-such-intent"), { nil: undefined });
  return fc.oneof(
    // Real names, weird values: gets past the middleware into the action's own parsing.
    { weight: 3, arbitrary: fc.tuple(intent, fc.array(field(clean), { maxLength: 8 })) },
    // Hostile names among real ones: refused before any route runs.
    { weight: 1, arbitrary: fc.tuple(intent, fc.array(field(fc.oneof(clean, fc.constantFrom(...hostileNames))), { minLength: 1, maxLength: 6 })) },
  ).map(([chosen, fields]) => (chosen ? [["intent", chosen] as [string, string], ...fields] : fields));
}

/** Field names of the forms the route's page renders, to fuzz what the action really reads. */
async function fieldNames(client: Client, path: string): Promise<string[]> {
  const response = await client.request.get(path, { maxRedirects: 0, failOnStatusCode: false });
  if (response.status() !== 200 || !(response.headers()["content-type"] ?? "").includes("text/html")) return [];
  const html = await response.text();
  const names = new Set<string>();
  for (const [, name] of html.matchAll(/<(?:input|select|textarea|button)[^>]*\sname="([^"]+)"/g)) names.add(name!);
  names.delete("_csrf");
  names.delete("intent");
  return [...names].slice(0, 40);
}

let db: Database;
test.beforeAll(() => {
  db = createDatabase(e2eDatabaseUrl, { max: 2 });
});
test.afterAll(async () => {
  await db?.$client.end({ timeout: 5 });
});

for (const app of ["portal", "backoffice"] as const) {
  test(`${app}: hostile input to every action never gives a 500 and stores nothing when refused`, async ({ browser }) => {
    test.setTimeout(480_000);
    const principals = await principalsOf(db, app);
    const manifest = manifests[app];
    const clients = new Map<string, Client>();
    const clientOf = async (who: Principal) => {
      if (!clients.has(who.name)) clients.set(who.name, await clientFor(browser, who));
      return clients.get(who.name)!;
    };
    const actions = appRoutes(app).filter((r: AppRoute) => r.hasAction && !manifest[r.pattern]?.public);
    const problems: string[] = [];
    let requests = 0;
    const accepted: string[] = [];
    for (const route of actions) {
      const entry = manifest[route.pattern]!;
      const who = preferred[app]
        .map((name) => principals.find((p) => p.name === name)!)
        .find((p) => entry.allow === "all" || entry.allow.includes(p.name));
      if (!who) {
        problems.push(`${app} /${route.pattern}: no fuzzing user may open it`);
        continue;
      }
      const client = await clientOf(who);
      const owned = route.params.length ? await idFor(db, entry.ids!, route.params, who, "owned") : {};
      const names = owned ? await fieldNames(client, pathOf(route.pattern, owned)) : [];
      const path = pathOf(route.pattern, route.params.length ? (await idFor(db, entry.ids!, route.params, who, "unknown"))! : {});
      await workerSettled(db);
      const before = await fingerprint(db);
      let anyAccepted = false;
      const result = await fc.check(
        fc.asyncProperty(formOf(names, entry.intents ?? []), async (fields) => {
          requests++;
          const body = new URLSearchParams([["_csrf", client.csrf], ...fields]).toString();
          const response = await client.request.post(path, {
            data: body,
            headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: appURL(app) },
            maxRedirects: 0,
            failOnStatusCode: false,
          });
          const status = response.status();
          if (status < 400) anyAccepted = true;
          return status < 500;
        }),
        { seed, numRuns: runsPerAction, endOnFailure: true },
      );
      if (result.failed)
        problems.push(`${app} /${route.pattern} as ${who.name}: 500 for ${JSON.stringify(result.counterexample?.[0])?.slice(0, 400)} (seed ${seed}, path ${result.counterexamplePath})`);
      const changed = changedTables(before, await fingerprint(db));
      if (anyAccepted) accepted.push(`/${route.pattern}${changed.length ? ` (changed ${changed.join(", ")})` : ""}`);
      else if (changed.length) problems.push(`${app} /${route.pattern}: refused requests changed ${changed.join(", ")} (seed ${seed})`);
    }
    console.log(`hostile input ${app}: ${actions.length} actions, ${requests} requests, seed ${seed}; accepted some input: ${accepted.join("; ") || "none"}`);
    for (const client of clients.values()) await client.request.dispose();
    // The problems go into the message: the failure summary at the end of the run prints its first line.
    expect(problems, `seed ${seed}: ${problems.join(" | ").slice(0, 1500)}`).toEqual([]);
  });
}
