import { sql } from "drizzle-orm";
import { documentSequences, type DatabaseOrTransaction } from "@cs/db";

/**
 * `SO-2026-000123`. The upsert locks the sequence row until the caller's transaction ends, so a
 * rolled-back document gives its number back and the series stays gap-free.
 */
export async function nextDocumentNumber(db: DatabaseOrTransaction, prefix: string, year: number) {
  const [row] = await db
    .insert(documentSequences)
    .values({ prefix, year, lastValue: 1 })
    .onConflictDoUpdate({
      target: [documentSequences.prefix, documentSequences.year],
      set: { lastValue: sql`${documentSequences.lastValue} + 1` },
    })
    .returning({ value: documentSequences.lastValue });
  if (!row) throw new Error("sequence upsert returned nothing");
  return `${prefix}-${year}-${String(row.value).padStart(6, "0")}`;
}

/** `count` consecutive numbers in one upsert (a batch of statements), same gap-free rule as above. */
export async function nextDocumentNumbers(db: DatabaseOrTransaction, prefix: string, year: number, count: number): Promise<string[]> {
  if (count <= 0) return [];
  const [row] = await db
    .insert(documentSequences)
    .values({ prefix, year, lastValue: count })
    .onConflictDoUpdate({
      target: [documentSequences.prefix, documentSequences.year],
      set: { lastValue: sql`${documentSequences.lastValue} + ${count}` },
    })
    .returning({ value: documentSequences.lastValue });
  if (!row) throw new Error("sequence upsert returned nothing");
  const first = row.value - count + 1;
  return Array.from({ length: count }, (_, i) => `${prefix}-${year}-${String(first + i).padStart(6, "0")}`);
}
