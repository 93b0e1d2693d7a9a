import { count, eq } from "drizzle-orm";
import { organizations, products } from "@cs/db";
import { organizationScope } from "../access/scopes";
import type { Ctx } from "../shared/context";

/** Home-page figures, within the actor's scope. */
export async function countVisible(ctx: Ctx) {
  const [[orgs], [prods]] = await Promise.all([
    ctx.db.select({ n: count() }).from(organizations).where(organizationScope(ctx.actor)),
    ctx.db.select({ n: count() }).from(products).where(eq(products.active, true)),
  ]);
  return { organizations: orgs?.n ?? 0, products: prods?.n ?? 0 };
}
