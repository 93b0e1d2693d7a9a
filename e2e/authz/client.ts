import { request as playwrightRequest, type APIRequestContext, type Browser } from "@playwright/test";
import { sessionState } from "../fixtures";
import { appURL } from "../urls";
import type { Principal } from "./principals";

/** What a response amounted to, for the matrix's expectations. */
export type Outcome = "ok" | "login" | "redirect" | "bad" | "refused" | "error";

export type Result = { status: number; outcome: Outcome; location: string | null; ms: number; body?: string };

/**
 * The server closes idle keep-alive connections after a few seconds; a request that raced the
 * close gets ECONNRESET before the server saw it, so it is sent once more.
 */
async function retried<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    if (!/ECONNRESET|EPIPE|socket hang up/.test(String(error))) throw error;
    return await send();
  }
}

/** A principal's own HTTP client: its stored session (none for anonymous) and its CSRF token. */
export type Client = { who: Principal; request: APIRequestContext; csrf: string };

/**
 * Signs `who` in once per run through the fixtures' stored sessions (the browser fills the real
 * form once; every later request reuses the cookies) and reads the CSRF token its pages carry.
 */
export async function clientFor(browser: Browser, who: Principal): Promise<Client> {
  const baseURL = appURL(who.app);
  const storageState = who.kind === "anonymous" ? undefined : await sessionState(browser, who.app, who.name);
  const request = await playwrightRequest.newContext({ baseURL, storageState, extraHTTPHeaders: { "Accept-Language": "zh-CN" } });
  const page = await request.get(who.kind === "anonymous" ? "/login" : "/account");
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
  if (!csrf) throw new Error(`no CSRF token on ${who.app} for ${who.name} (HTTP ${page.status()})`);
  return { who, request, csrf };
}

const singleFetchRedirect = /^\[\["SingleFetchRedirect".*?"redirect","([^"]*)","status",(\d+)/;

function classify(status: number, location: string | null): Outcome {
  if (status >= 500) return "error";
  if (location !== null) return /^\/login(\?|$)/.test(new URL(location, "http://x").pathname + new URL(location, "http://x").search) ? "login" : "redirect";
  if (status >= 200 && status < 300) return "ok";
  if (status === 400) return "bad";
  return "refused";
}

/** GET `path` (a page) or its single-fetch `.data` twin, without following redirects. */
export async function get(client: Client, path: string, data = false): Promise<Result> {
  const url = data ? `${path === "/" ? "/_root" : path}.data` : path;
  const start = Date.now();
  const response = await retried(() => client.request.get(url, { maxRedirects: 0, failOnStatusCode: false }));
  const status = response.status();
  let location = response.headers()["location"] ?? null;
  const type = response.headers()["content-type"] ?? "";
  // The text of pages and .data answers, to look for other tenants' ids in what a user was shown.
  const body = /text\/(html|x-script)|json/.test(type) ? await response.text() : undefined;
  if (data && status === 202) {
    const match = singleFetchRedirect.exec(body ?? "");
    if (match) location = match[1]!;
  }
  return { status, outcome: classify(status, location), location, ms: Date.now() - start, body };
}

/** POST a form as the app's own pages do: the session's CSRF token and the app's Origin. */
export async function post(client: Client, path: string, form: Record<string, string>, data = false): Promise<Result> {
  const url = data ? `${path === "/" ? "/_root" : path}.data` : path;
  const start = Date.now();
  const response = await retried(() =>
    client.request.post(url, {
      form: { _csrf: client.csrf, ...form },
      headers: { Origin: appURL(client.who.app) },
      maxRedirects: 0,
      failOnStatusCode: false,
    }),
  );
  const status = response.status();
  let location = response.headers()["location"] ?? null;
  if (status === 202 || (data && status < 300)) {
    const match = singleFetchRedirect.exec(await response.text());
    if (match) location = match[1]!;
  }
  return { status, outcome: classify(status, location), location, ms: Date.now() - start };
}

/** Runs `tasks` with at most `limit` in flight: enough to keep both cores busy, not to swamp them. */
export async function inBatches<T>(tasks: (() => Promise<T>)[], limit = 6): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/** `pattern` with `params` put in, as a path of the app ("" is "/"). */
export function pathOf(pattern: string, params: Record<string, string>): string {
  if (pattern === "*") return "/no-such-page";
  return `/${pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] ?? ""))}`;
}
