import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { RouteConfigEntry } from "@react-router/dev/routes";
import backofficeRoutes from "../../apps/backoffice/app/routes";
import portalRoutes from "../../apps/portal/app/routes";
import type { App } from "../urls";

/** A page or resource route of an app as its routes.ts declares it (layouts folded into the path). */
export type AppRoute = {
  app: App;
  /** The pattern as declared, without a leading slash ("" is the home page): the manifest's key. */
  pattern: string;
  /** The route module, relative to the app's `app/` folder. */
  file: string;
  params: string[];
  hasAction: boolean;
  /** A loader answers GET; an action-only route answers GET with 400/405. */
  hasLoader: boolean;
  /** A resource route (no component: a file, an export, a redirect): it has no `.data` twin. */
  resource: boolean;
  /** Intents the module (and the files next to it that it imports) names: see `declaredIntents`. */
  intents: string[];
};

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

const configs: Record<App, RouteConfigEntry[]> = { portal: portalRoutes, backoffice: backofficeRoutes };

function flatten(entries: RouteConfigEntry[], prefix: string, out: { pattern: string; file: string }[]) {
  for (const entry of entries) {
    const own = entry.path ? [prefix, entry.path].filter(Boolean).join("/") : prefix;
    if (entry.children?.length) flatten(entry.children, own, out);
    else if (entry.index || entry.path) out.push({ pattern: own, file: entry.file });
  }
  return out;
}

const moduleSource = (app: App, file: string) => readFileSync(path.join(repoRoot, "apps", app, "app", file), "utf8");

/** The module and the sibling modules it imports (`./x.server`, `../shared`), read once each. */
function sourcesOf(app: App, file: string): string[] {
  const main = moduleSource(app, file);
  const sources = [main];
  for (const [, spec] of main.matchAll(/from "(\.{1,2}\/[^"]+)"/g)) {
    const base = path.join(path.dirname(file), spec!);
    for (const candidate of [base, `${base}.ts`, `${base}.tsx`]) {
      try {
        sources.push(moduleSource(app, candidate));
        break;
      } catch {
        // not this extension
      }
    }
  }
  return sources;
}

/**
 * Intent names written next to an action: hidden `intent` fields, `intent === "x"` tests and the
 * `case "x":` of a switch over `form.get("intent")`. Best effort, to catch a new intent the
 * manifest does not list yet; the manifest stays the list the matrix posts.
 */
function declaredIntents(sources: string[]): string[] {
  const found = new Set<string>();
  for (const source of sources) {
    for (const re of [
      /name="intent"\s+value="([\w-]+)"/g,
      /\bintent="([\w-]+)"/g,
      /intent(?:"\))?\s*===\s*"([\w-]+)"/g,
    ])
      for (const [, name] of source.matchAll(re)) found.add(name!);
    if (/get\("intent"\)/.test(source) && /switch\s*\(\s*(?:String\()?form\.get\("intent"\)/.test(source))
      for (const [, name] of source.matchAll(/case "([\w-]+)":/g)) found.add(name!);
  }
  found.delete("string");
  return [...found].sort();
}

export function appRoutes(app: App): AppRoute[] {
  return flatten(configs[app], "", []).map(({ pattern, file }) => {
    const sources = sourcesOf(app, file);
    const hasAction = /export\s+(async\s+function|const|function)\s+action\b/.test(sources[0]!);
    const hasLoader = /export\s+(async\s+function|const|function)\s+loader\b/.test(sources[0]!);
    return {
      app,
      hasLoader,
      resource: !/export\s+default\b/.test(sources[0]!),
      pattern,
      file,
      params: [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!),
      hasAction,
      intents: hasAction ? declaredIntents(sources) : [],
    };
  });
}
