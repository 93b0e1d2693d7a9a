import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { organizations } from "@cs/db";
import { authorize } from "../access/authorize";
import { organizationScope } from "../access/scopes";
import { moneyField } from "../validation/fields";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { postLedgerEntry } from "./balance";

export const payoutMethods = ["bank_transfer", "other"] as const;

export const payoutInput = z.object({
  organizationId: z.string(),
  amount: moneyField,
  method: z.enum(payoutMethods, { error: "validation.required" }),
  reference: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(100, "validation.tooLong"),
  note: z.string().trim().max(500, "validation.tooLong").optional(),
});

/**
 * Staff pay out part of a partner's rebate balance (by bank transfer, say) instead of the partner
 * spending it on orders. Refused beyond the balance; once per form `_key`, so a double click pays once.
 */
export async function payoutRebate(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "rebate:approve");
  const input = parseInput(payoutInput, raw);
  if (input.amount <= 0n) throw new ValidationError({ amount: ["rebateBalance.errors.amountPositive"] });
  if (!isUuid(input.organizationId)) throw new NotFoundError("organization");
  return inTransaction(ctx, async (tx) => {
    const { result, replayed } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const [org] = await tx
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(and(eq(organizations.id, input.organizationId), organizationScope(ctx.actor)));
      if (!org) throw new NotFoundError("organization");
      const note = [input.reference, input.note].filter(Boolean).join(" · ");
      const entry = await postLedgerEntry(tx, { organizationId: org.id, kind: "payout", amountFen: -input.amount, note, createdBy: ctx.actor.userId });
      await recordAudit(tx, ctx.actor, {
        action: "rebate.payout",
        entity: "organization",
        entityId: org.id,
        after: { organization: org.name, amountFen: input.amount, method: input.method, reference: input.reference, note: input.note ?? null, balanceAfterFen: entry.balanceAfterFen },
      });
      return { ledgerId: String(entry.id), balanceAfterFen: String(entry.balanceAfterFen) };
    });
    return { ledgerId: BigInt(result.ledgerId), balanceAfterFen: BigInt(result.balanceAfterFen), replayed };
  });
}
