import { sql, type SQL } from "drizzle-orm";
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

/**
 * The same series inside one SQL statement (checkout's single flight): `sequenceSql` is a CTE body
 * taking `count` numbers and returning the last value taken, `numberSql` formats one value of it.
 */
export function sequenceSql(prefix: string, year: number, count: number | SQL): SQL {
  return sql`insert into document_sequences (prefix, year, last_value) values (${prefix}::text, ${year}::int, ${count}::int)
      on conflict (prefix, year) do update set last_value = document_sequences.last_value + excluded.last_value
      returning last_value`;
}

export function numberSql(prefix: string, year: number, value: SQL): SQL {
  return sql`${prefix}::text || '-' || ${year}::int || '-' || case when ${value} < 1000000 then lpad(${value}::text, 6, '0') else ${value}::text end`;
}
