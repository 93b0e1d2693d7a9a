/** Prints rows as an aligned plain-text table (numbers right-aligned). */
export type Cell = string | number | boolean | null | undefined;

const show = (c: Cell) => (c === null || c === undefined ? "—" : typeof c === "number" ? formatNumber(c) : String(c));

function formatNumber(n: number) {
  if (!Number.isFinite(n)) return String(n);
  return Number.isInteger(n) ? String(n) : n.toFixed(Math.abs(n) >= 100 ? 1 : 2);
}

export function formatTable(header: string[], rows: Cell[][]): string {
  const cells = [header, ...rows.map((r) => r.map(show))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const numeric = header.map((_, i) => rows.every((r) => typeof r[i] === "number" || r[i] === null || r[i] === undefined));
  const line = (r: string[]) =>
    r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join("  ").trimEnd();
  const rule = widths.map((w) => "─".repeat(w)).join("  ");
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join("\n");
}

export function printTable(title: string, header: string[], rows: Cell[][]) {
  console.log(`\n${title}\n${formatTable(header, rows)}`);
}
