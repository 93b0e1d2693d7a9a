import { asc, desc, eq } from "drizzle-orm";
import { addresses, organizations } from "@cs/db";
import { requireBuyer } from "../cart/buyer";
import type { Ctx } from "../shared/context";
import { creditExposure } from "./credit";

/**
 * What the checkout form offers: the buyer's own delivery addresses, the default first, and its
 * credit as the order check will see it (limit, what open invoices and orders already use, hold),
 * so the page can say before submitting whether the order will wait for approval.
 */
export async function checkoutOptions(ctx: Ctx) {
  const buyer = requireBuyer(ctx);
  const [rows, [org], exposureFen] = await Promise.all([
    addressesOf(ctx, buyer.organizationId),
    ctx.db.select({ limitFen: organizations.creditLimitFen, onHold: organizations.creditHold }).from(organizations).where(eq(organizations.id, buyer.organizationId)),
    creditExposure(ctx.db, buyer.organizationId),
  ]);
  const limitFen = org?.limitFen ?? 0n;
  return { addresses: rows, credit: { limitFen, usedFen: exposureFen, availableFen: limitFen - exposureFen, onHold: org?.onHold ?? false } };
}

function addressesOf(ctx: Ctx, organizationId: string) {
  return ctx.db
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
    .where(eq(addresses.organizationId, organizationId))
    .orderBy(desc(addresses.isDefault), asc(addresses.label));
}
