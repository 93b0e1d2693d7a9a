import { createDatabase, migrateDatabase, products } from "@cs/db";
import { resolveDatabase } from "@cs/db/local-server";
import type { ResolvedDatabase } from "@cs/db/resolve";
import { LARGE_PREFIX, seedDemo, seedLarge } from "@cs/seed";
import { like, sql } from "drizzle-orm";

export const BENCH_DIR = ".data/bench-postgres";
/** The embedded server's port: 54332, or BENCH_PG_PORT so several checkouts on one machine can bench side by side. */
export const BENCH_PORT = benchPort(process.env.BENCH_PG_PORT);

function benchPort(value: string | undefined) {
  if (value === undefined || value === "") return 54332;
  const port = Number(value);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`BENCH_PG_PORT must be a TCP port, not "${value}"`);
  return port;
}
export const LARGE_PRODUCTS = 10_000;

export type BenchDatabase = ResolvedDatabase & { serverVersion: string; demoSeeded: boolean; largeSeeded: boolean };

/**
 * The benchmark's own embedded PostgreSQL (`.data/bench-postgres`, port 54332 or BENCH_PG_PORT, database `bench`) or
 * DATABASE_URL; migrations applied; the demo and large seeds applied when missing.
 */
export async function prepareBenchDatabase(log: (m: string) => void): Promise<BenchDatabase> {
  const resolved = await resolveDatabase({ databaseUrl: process.env.DATABASE_URL, dir: BENCH_DIR, port: BENCH_PORT, database: "bench" });
  try {
    await migrateDatabase(resolved.url);
    const db = createDatabase(resolved.url, { max: 4 });
    try {
      const demo = await seedDemo(db, { hashPassword: async (p) => "bench:" + p });
      if (demo.seeded) log("demo seed applied");
      const [{ n } = { n: 0 }] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(products)
        .where(like(products.sku, `${LARGE_PREFIX}%`));
      let largeSeeded = false;
      if (Number(n) < LARGE_PRODUCTS) {
        log("applying the large seed (10,000 organizations, 10,000 products) …");
        const r = await seedLarge(db);
        log(`large seed applied in ${(r.milliseconds / 1000).toFixed(1)} s`);
        largeSeeded = true;
      }
      const [v] = await db.execute<{ server_version: string }>(sql`show server_version`);
      return { ...resolved, serverVersion: String(v?.server_version ?? "unknown"), demoSeeded: demo.seeded, largeSeeded };
    } finally {
      await db.$client.end();
    }
  } catch (error) {
    await resolved.stop();
    throw error;
  }
}
