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
