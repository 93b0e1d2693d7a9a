import type { Database } from "@cs/db";
import { seedDemo } from "./base/demo";
import { seedDemoChannel } from "./flows/channel";
import { seedDemoCoupons } from "./flows/coupons";
import { seedDemoMarketing } from "./flows/marketing";
import { seedDemoOrders } from "./flows/orders";
import { seedDemoPriceProtection } from "./flows/price-protection";
import { seedDemoRebates } from "./flows/rebates";

/**
 * The whole demo data set, as `npm start` seeds it on an empty database: the rows written directly
 * (base/), then what goes through the domain in order, each step reading what the one before made.
 * Does nothing when the database already holds the demo (seeded: false).
 */
export async function seedDemoAll(db: Database, options: Parameters<typeof seedDemo>[1]): Promise<{ seeded: boolean }> {
  const { seeded } = await seedDemo(db, options);
  if (!seeded) return { seeded };
  // Orders go through the order domain (pricing, reservations, numbers).
  await seedDemoOrders(db);
  // Monthly partner stats from the seeded documents, and targets, for the channel pages.
  await seedDemoChannel(db);
  // Rebate programs run over those targets and documents, with statements in several states.
  await seedDemoRebates(db);
  // A price protection approved, published and settled, so the demo dealer has a rebate balance.
  await seedDemoPriceProtection(db);
  // Marketing budget pools, campaigns and co-marketing funds.
  await seedDemoMarketing(db);
  // Coupons for the demo dealers and a tier.
  await seedDemoCoupons(db);
  return { seeded };
}
