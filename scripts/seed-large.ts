import { createDatabase } from "@cs/db";
import { seedLarge, seedLargeOrders } from "@cs/seed";
import { prepareDatabase } from "./lib/database";

/**
 * `npm run seed:large`: 10,000 organizations and 10,000 products on top of the demo data, for benchmarks.
 * `npm run seed:large -- --orders` also adds 1,000,000 orders of those partners (about a minute).
 */
const db = await prepareDatabase();
const client = createDatabase(db.url, { max: 4 });
try {
  const started = performance.now();
  const result = await seedLarge(client);
  console.log(`Large seed done in ${((performance.now() - started) / 1000).toFixed(1)}s`, result);
  if (process.argv.includes("--orders")) console.log("Large orders:", await seedLargeOrders(client));
} finally {
  await client.$client.end();
  await db.stop();
}
