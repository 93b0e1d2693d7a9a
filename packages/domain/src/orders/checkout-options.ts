import { asc, desc, eq } from "drizzle-orm";
import { addresses } from "@cs/db";
import { requireBuyer } from "../cart/buyer";
import type { Ctx } from "../shared/context";

/** What the checkout form offers: the buyer's own delivery addresses, the default first. */
export async function checkoutOptions(ctx: Ctx) {
  const buyer = requireBuyer(ctx);
  const rows = await ctx.db
    .select({
      id: addresses.id,
      label: addresses.label,
      recipient: addresses.recipient,
      phone: addresses.phone,
      province: addresses.province,
      city: addresses.city,
      district: addresses.district,
      line: addresses.line,
      isDefault: addresses.isDefault,
    })
    .from(addresses)
    .where(eq(addresses.organizationId, buyer.organizationId))
    .orderBy(desc(addresses.isDefault), asc(addresses.label));
  return { addresses: rows };
}
