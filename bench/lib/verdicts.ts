/**
 * Why a bench run failed, if it did: an aim missed, stock oversold, an error counted or a
 * consistency check that did not hold. `npm run bench` prints these and exits non-zero, so a red run
 * cannot hide in a table. Only the entries measured in this run are judged; kept ones were judged
 * when they ran.
 */
type Entry = Record<string, unknown>;

const num = (v: unknown) => (typeof v === "number" ? v : null);

/** Every object inside `value` that carries both keys (reserve_hot's phases nest them). */
function withKeys(value: unknown, a: string, b: string, path = ""): [string, Entry][] {
  if (!value || typeof value !== "object") return [];
  const entry = value as Entry;
  const here: [string, Entry][] = Object.hasOwn(entry, a) && Object.hasOwn(entry, b) ? [[path, entry]] : [];
  return [...here, ...Object.entries(entry).flatMap(([k, v]) => withKeys(v, a, b, path ? `${path}.${k}` : k))];
}

export function benchFailures(results: Record<string, unknown>, meta: { ledger_matches_levels: boolean }): string[] {
  const out: string[] = [];
  if (!meta.ledger_matches_levels) out.push("stock levels differ from the ledger after the run");
  for (const [name, value] of Object.entries(results)) {
    if (!value || typeof value !== "object") continue;
    const r = value as Entry;
    if (r.ok === false) out.push(`${name}: aim missed or check failed (ok = false)`);
    if (num(r.oversold)) out.push(`${name}: oversold by ${String(r.oversold)} units`);
    for (const key of ["errors", "server_errors", "unanswered", "trivial_errors"])
      if (num(r[key])) out.push(`${name}: ${String(r[key])} ${key.replaceAll("_", " ")}`);
    if (typeof r.ratio === "number" && typeof r.aim === "number" && r.ratio < r.aim) out.push(`${name}: ratio ${r.ratio} below the aim ${r.aim}`);
    for (const [path, e] of withKeys(r, "reserved_after", "reservations_rows_sum"))
      if (e.reserved_after !== e.reservations_rows_sum)
        out.push(`${name}${path ? `.${path}` : ""}: reserved ${String(e.reserved_after)} ≠ sum of reservations ${String(e.reservations_rows_sum)}`);
    for (const [path, e] of withKeys(r, "consistent", "orders"))
      if (e.consistent === false) out.push(`${name}${path ? `.${path}` : ""}: the database does not match the successes`);
    for (const [path, e] of withKeys(r, "expected", "actual"))
      if (JSON.stringify(e.expected) !== JSON.stringify(e.actual)) out.push(`${name}${path ? `.${path}` : ""}: result check failed`);
  }
  return out;
}
