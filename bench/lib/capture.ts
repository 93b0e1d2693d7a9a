import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Database } from "@cs/db";
import * as schema from "@cs/db/schema/index";

export type CapturedQuery = { sql: string; params: unknown[] };

/**
 * A database handle like createDatabase's whose statements are recorded while `recording` is on,
 * so a benchmark can EXPLAIN exactly what a domain function sent, whoever wrote its query.
 */
export function capturingDatabase(url: string, max = 2) {
  const captured: CapturedQuery[] = [];
  let recording = false;
  const client = postgres(url, { max, onnotice: () => {}, types: { bigint: postgres.BigInt }, connection: { TimeZone: "UTC" } });
  const db = drizzle({
    client,
    schema,
    casing: "snake_case",
    logger: { logQuery: (sql, params) => void (recording && captured.push({ sql, params })) },
  }) as Database;
  return {
    db,
    /** Runs `fn` and returns the statements it sent. */
    async record(fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
      captured.length = 0;
      recording = true;
      try {
        await fn();
      } finally {
        recording = false;
      }
      return [...captured];
    },
    /** EXPLAIN (ANALYZE, BUFFERS) of one captured statement (read-only statements only). */
    async explain(query: CapturedQuery): Promise<string> {
      const rows = await client.unsafe(`explain (analyze, buffers) ${query.sql}`, query.params as never[]);
      return rows.map((r) => String(Object.values(r)[0])).join("\n");
    },
    end: () => client.end(),
  };
}
