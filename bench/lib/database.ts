import { createDatabase, migrateDatabase, products } from "@cs/db";
import { resolveDatabase } from "@cs/db/local-server";
import type { ResolvedDatabase } from "@cs/db/resolve";
import { LARGE_PREFIX, seedDemo, seedLarge } from "@cs/db/seed";
import { like, sql } from "drizzle-orm";

export const BENCH_DIR = ".data/bench-postgres";
/** BENCH_PG_PORT moves it, so benchmarks of several checkouts on one machine do not collide. */
export const BENCH_PORT = Number(process.env.BENCH_PG_PORT ?? 54332);
export const LARGE_PRODUCTS = 10_000;

export type BenchDatabase = ResolvedDatabase & { serverVersion: string; demoSeeded: boolean; largeSeeded: boolean };

/**
 * The benchmark's own embedded PostgreSQL (`.data/bench-postgres`, port 54332, database `bench`) or
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
