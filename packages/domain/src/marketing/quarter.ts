/** `2026-11-05` → `2026-Q4`: the quarter a date falls in, as pools name it. */
export function quarterOf(date: string): string {
  const month = Number(date.slice(5, 7));
  return `${date.slice(0, 4)}-Q${Math.ceil(month / 3)}`;
}

/** The quarter of today and the next ones, for the pool form. */
export function quarterChoices(today: string, count = 5): string[] {
  let year = Number(today.slice(0, 4));
  let q = Math.ceil(Number(today.slice(5, 7)) / 3);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    out.push(`${year}-Q${q}`);
    q += 1;
    if (q > 4) [q, year] = [1, year + 1];
  }
  return out;
}

/** `2026-Q4` → its first and last day. */
export function quarterBounds(quarter: string): { from: string; to: string } {
  const year = Number(quarter.slice(0, 4));
  const q = Number(quarter.slice(6));
  const lastDay = [31, 30, 30, 31][q - 1]!;
  return { from: `${year}-${String(q * 3 - 2).padStart(2, "0")}-01`, to: `${year}-${String(q * 3).padStart(2, "0")}-${lastDay}` };
}
