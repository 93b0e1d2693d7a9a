import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";

// jscpd's ES build imports `colors/safe` by name, which Node refuses; its CommonJS build loads.
const { detectClones } = createRequire(import.meta.url)("jscpd") as typeof import("jscpd");

/**
 * The structure rules ESLint cannot see, run by `npm run lint` and `npm test`:
 *  1. no cycle between the domain's folders (billing may call inventory, never the other way round
 *     as well). Type-only imports do not count: they vanish at runtime and create no call.
 *  2. no copied code: jscpd finds no block of 12 or more lines written twice in apps/ or packages/
 *     (tests, translations and migrations excepted: fixtures and data repeat by nature).
 * Exits 1 with what it found, so a deliberate violation fails lint.
 */

const DOMAIN = "packages/domain/src";
const MIN_LINES = 12;

function domainGraph(): Record<string, string[]> {
  const out = spawnSync("npx", ["madge", "--json", "--extensions", "ts,tsx", "--ts-config", `${DOMAIN}/../tsconfig.json`, "--exclude", "\\.test\\.ts$", DOMAIN], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (out.status !== 0) throw new Error(`madge failed: ${out.stderr || out.stdout}`);
  return JSON.parse(out.stdout) as Record<string, string[]>;
}

const folderOf = (file: string) => (file.includes("/") ? file.slice(0, file.indexOf("/")) : null);

/** Folder-level strongly connected components of more than one folder (Tarjan), each with one file edge per step as evidence. */
export function folderCycles(graph: Record<string, string[]>): string[][] {
  const edges = new Map<string, Map<string, string>>();
  for (const [file, deps] of Object.entries(graph)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const dep of deps) {
      const to = folderOf(dep);
      if (!to || to === from) continue;
      const out = edges.get(from) ?? new Map<string, string>();
      if (!out.has(to)) out.set(to, `${file} → ${dep}`);
      edges.set(from, out);
    }
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component);
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found.map((component) => {
    const inside = new Set(component);
    return component.flatMap((from) => [...(edges.get(from) ?? [])].filter(([to]) => inside.has(to)).map(([, evidence]) => evidence));
  });
}

async function copiedCode() {
  const clones = await detectClones({
    path: ["apps", "packages"],
    format: ["typescript", "tsx"],
    minLines: MIN_LINES,
    minTokens: 50,
    silent: true,
    ignore: ["**/node_modules/**", "**/build/**", "**/.react-router/**", "**/*.test.ts", "**/*.test.tsx", "**/locales/**", "**/drizzle/**", "**/seed/src/base/**"],
    gitignore: true,
  });
  return clones.map((c) => `${c.duplicationA.sourceId}:${c.duplicationA.start.line}-${c.duplicationA.end.line} = ${c.duplicationB.sourceId}:${c.duplicationB.start.line}-${c.duplicationB.end.line}`);
}

const cycles = folderCycles(domainGraph());
const copies = await copiedCode();
for (const cycle of cycles) console.error(`✗ domain folders call each other in a circle:\n    ${cycle.join("\n    ")}`);
for (const copy of copies) console.error(`✗ the same ${MIN_LINES}+ lines twice: ${copy}`);
if (cycles.length || copies.length) {
  console.error(`\n${cycles.length} folder cycle(s), ${copies.length} copied block(s): give the code one home (a package helper, a shared component) or invert the call (docs/decisions/026-domain-folder-order.md).`);
  process.exit(1);
}
console.log("✓ no domain folder cycle, no copied block of 12+ lines");
