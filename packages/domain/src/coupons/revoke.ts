import { eq } from "drizzle-orm";
import { z } from "zod";
import { coupons } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { requiredText } from "../validation/fields";

const revokeInput = z.object({ couponId: z.string(), reason: requiredText(500) });

/**
 * Withdraws a coupon (coupon:manage): it is refused at checkout from now on; orders that used it
 * keep their discount. Revoking a revoked coupon changes nothing (a retried click).
 */
export async function revokeCoupon(ctx: Ctx, raw: unknown): Promise<{ status: "revoked" }> {
  authorize(ctx.actor, "coupon:manage");
  const input = parseInput(revokeInput, raw);
  if (!isUuid(input.couponId)) throw new NotFoundError("coupon");
  return inTransaction(ctx, async (tx) => {
    const [coupon] = await tx.select().from(coupons).where(eq(coupons.id, input.couponId)).for("update");
    if (!coupon) throw new NotFoundError("coupon");
    if (coupon.status === "revoked") return { status: "revoked" as const };
    await tx.update(coupons).set({ status: "revoked", revokedAt: new Date(), revokedBy: ctx.actor.userId, revokeReason: input.reason }).where(eq(coupons.id, coupon.id));
    await recordAudit(tx, ctx.actor, { action: "coupon.revoke", entity: "coupon", entityId: coupon.id, before: { status: coupon.status }, after: { status: "revoked", reason: input.reason } });
    return { status: "revoked" as const };
  });
}
