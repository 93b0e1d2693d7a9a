import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { dealRegistrationLines, dealRegistrations, dealSpecialPrices, organizations, products, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { addDays, shanghaiToday, shanghaiYear } from "../shared/dates";
import { nextDocumentNumber } from "../shared/document-number";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { blankToUndefined, dateField, optionalText, requiredCreditCodeField, requiredDateField, requiredText, yuanToFenField } from "../validation/fields";
import { dealScope } from "./deals-scope";
import { convertLeadToDeal } from "./leads-work";

/** Days an approved registration protects the partner unless the approver sets another end. */
export const DEAL_PROTECTION_DAYS = 90;
export const MAX_DEAL_LINES = 20;

const quantityField = z.preprocess(
  (v) => (typeof v === "string" && /^\d{1,9}$/.test(v.trim()) ? Number(v.trim()) : v),
  z.number({ error: "deals.errors.quantityPositive" }).int("deals.errors.quantityPositive").min(1, "deals.errors.quantityPositive").max(1_000_000, "deals.errors.quantityPositive"),
);
/**
 * Form rows; a row whose `filled` fields are all empty (default: every field) is not a row and
 * becomes null, so the remaining rows keep the index their fields (and errors) are named by.
 */
const rows = <T extends z.ZodType>(row: T, max: number, filled?: string[]) =>
  z.preprocess(
    (v) =>
      Array.isArray(v)
        ? v.map((r) => (r && typeof r === "object" && Object.entries(r as Record<string, unknown>).some(([k, x]) => (!filled || filled.includes(k)) && blankToUndefined(x) !== undefined) ? r : null))
        : v,
    z.array(z.union([z.null(), row])).max(max, "deals.errors.tooManyLines"),
  );

/** The rows given, each with the index the form named it by. */
function given<T>(list: (T | null)[]): { row: T; i: number }[] {
  return list.flatMap((row, i) => (row === null ? [] : [{ row, i }]));
}

export const registerDealInput = z.object({
  customerName: requiredText(200),
  customerCreditCode: requiredCreditCodeField,
  expectedCloseOn: requiredDateField,
  competitor: optionalText(200),
  note: optionalText(1000),
  /** The partner's lead this registration converts (it becomes won, linked to the registration). */
  leadId: z.preprocess(blankToUndefined, z.string().optional()),
  lines: rows(z.object({ productId: z.string({ error: "validation.required" }).trim().min(1, "validation.required"), quantity: quantityField }), MAX_DEAL_LINES).default([]),
});

export const decideDealInput = z.object({
  registrationId: z.string(),
  decision: z.enum(["approve", "reject"], { error: "validation.required" }),
  reason: optionalText(1000),
  /** Blank protects for DEAL_PROTECTION_DAYS from today. */
  protectedUntil: dateField,
  specialPriceReason: optionalText(500),
  prices: rows(z.object({ productId: z.string({ error: "validation.required" }).trim().min(1, "validation.required"), unitPrice: yuanToFenField, quantity: quantityField }), MAX_DEAL_LINES, ["unitPrice", "quantity"]).default([]),
});

/** One registration at a time per customer × product line, in every session that registers one. */
const lockPair = (tx: Transaction, creditCode: string, productLineId: string) => tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`deal:${creditCode}:${productLineId}`}))`);

/** 'other' when another partner holds the pair (waiting or protected today), 'own' when this one does. */
async function protectionOf(tx: Transaction, creditCode: string, productLineId: string, organizationId: string, on: string) {
  const [row] = await tx.execute<{ holder: "own" | "other" | null }>(
    sql`select cs_deal_protection(${creditCode}::text, ${productLineId}::uuid, ${organizationId}::uuid, ${on}::date) as holder`,
  );
  return row?.holder ?? null;
}

/**
 * A partner registers an opportunity (报备): end customer, products of one product line with
 * quantities, expected close date, competitor. Refused when the customer × product line is taken —
 * by another partner's registration waiting for a decision or protected today (the partner is told
 * it is taken, not by whom), or by its own. Two partners registering at once serialise on the
 * pair's advisory lock, so exactly one succeeds. Once per form `_key`.
 */
export async function registerDeal(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "own_deal:register");
  const orgId = ctx.actor.organizationId;
  if (!orgId) throw new NotFoundError("organization");
  const input = parseInput(registerDealInput, raw);
  const today = shanghaiToday();
  if (input.expectedCloseOn < today) throw new ValidationError({ expectedCloseOn: ["deals.errors.closeInPast"] });
  const lines = given(input.lines);
  if (lines.length === 0) throw new ValidationError({ form: ["deals.errors.linesRequired"] });
  const errors: Record<string, string[]> = {};
  const seen = new Set<string>();
  lines.forEach(({ row: l, i }) => {
    if (!isUuid(l.productId)) errors[`lines.${i}.productId`] = ["validation.invalid"];
    else if (seen.has(l.productId)) errors[`lines.${i}.productId`] = ["deals.errors.duplicateProduct"];
    seen.add(l.productId);
  });
  if (Object.keys(errors).length) throw new ValidationError(errors);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const found = await tx
        .select({ id: products.id, productLineId: products.productLineId })
        .from(products)
        .where(and(inArray(products.id, [...seen]), eq(products.active, true)));
      const lineOf = new Map(found.map((p) => [p.id, p.productLineId]));
      lines.forEach(({ row: l, i }) => {
        if (!lineOf.has(l.productId)) errors[`lines.${i}.productId`] = ["validation.invalid"];
      });
      if (Object.keys(errors).length) throw new ValidationError(errors);
      const productLines = new Set(lineOf.values());
      if (productLines.size !== 1) throw new ValidationError({ form: ["deals.errors.oneProductLine"] });
      const productLineId = [...productLines][0]!;

      await lockPair(tx, input.customerCreditCode, productLineId);
      const holder = await protectionOf(tx, input.customerCreditCode, productLineId, orgId, today);
      if (holder === "other") throw new ConflictError("deals.errors.taken");
      if (holder === "own") throw new ConflictError("deals.errors.alreadyRegistered");

      const [org] = await tx.select({ ownerBranchId: organizations.ownerBranchId }).from(organizations).where(eq(organizations.id, orgId));
      const number = await nextDocumentNumber(tx, "DR", shanghaiYear());
      const [created] = await tx
        .insert(dealRegistrations)
        .values({
          number,
          organizationId: orgId,
          ownerBranchId: org?.ownerBranchId ?? null,
          customerName: input.customerName,
          customerCreditCode: input.customerCreditCode,
          productLineId,
          expectedCloseOn: input.expectedCloseOn,
          competitor: input.competitor ?? null,
          note: input.note ?? null,
          createdBy: ctx.actor.userId,
        })
        .returning({ id: dealRegistrations.id });
      await tx.insert(dealRegistrationLines).values(lines.map(({ row: l }) => ({ registrationId: created!.id, organizationId: orgId, productId: l.productId, quantity: l.quantity })));
      if (input.leadId) await convertLeadToDeal(tx, ctx, input.leadId, created!.id);
      await recordAudit(tx, ctx.actor, {
        action: "deal_registration.submit",
        entity: "deal_registration",
        entityId: created!.id,
        after: { number, customerName: input.customerName, customerCreditCode: input.customerCreditCode, productLineId, expectedCloseOn: input.expectedCloseOn, competitor: input.competitor ?? null, lines: lines.map((l) => l.row) },
      });
      return { registrationId: created!.id, number };
    });
    return result;
  });
}

/** The registration, locked, if this actor may see it. */
async function lockRegistration(tx: Transaction, ctx: Ctx, registrationId: string) {
  if (!isUuid(registrationId)) throw new NotFoundError("deal_registration");
  const [row] = await tx.select().from(dealRegistrations).where(and(eq(dealRegistrations.id, registrationId), dealScope(ctx.actor))).for("update");
  if (!row) throw new NotFoundError("deal_registration");
  return row;
}

/**
 * Staff (deal:decide) approve a registration — protecting the partner from today until
 * `protectedUntil` (default 90 days) — optionally with special prices on its products, which only
 * managers grant (deal:special_price), each at a positive price for at most the registered quantity
 * and with a reason the price explanation shows; or reject it with a reason, which frees the
 * customer × product line. The first decision stands.
 */
export async function decideDeal(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "deal:decide");
  const input = parseInput(decideDealInput, raw);
  const prices = given(input.prices);
  const today = shanghaiToday();
  if (input.decision === "reject") {
    if (!input.reason) throw new ValidationError({ reason: ["deals.errors.reasonRequired"] });
  } else {
    if (prices.length) authorize(ctx.actor, "deal:special_price");
    if (input.protectedUntil !== undefined && input.protectedUntil < today) throw new ValidationError({ protectedUntil: ["deals.errors.datesOrder"] });
    const errors: Record<string, string[]> = {};
    const seen = new Set<string>();
    prices.forEach(({ row: p, i }) => {
      if (p.unitPrice === undefined) errors[`prices.${i}.unitPrice`] = ["validation.required"];
      else if (p.unitPrice <= 0n) errors[`prices.${i}.unitPrice`] = ["deals.errors.pricePositive"];
      if (seen.has(p.productId)) errors[`prices.${i}.productId`] = ["deals.errors.duplicateProduct"];
      seen.add(p.productId);
    });
    if (prices.length && !input.specialPriceReason) errors.specialPriceReason = ["deals.errors.specialReasonRequired"];
    if (Object.keys(errors).length) throw new ValidationError(errors);
  }
  return inTransaction(ctx, async (tx) => {
    const reg = await lockRegistration(tx, ctx, input.registrationId);
    if (reg.status !== "submitted") throw new ConflictError("deals.errors.alreadyDecided");
    const now = new Date();
    if (input.decision === "reject") {
      await tx.update(dealRegistrations).set({ status: "rejected", decisionReason: input.reason!, decidedBy: ctx.actor.userId, decidedAt: now, updatedAt: now }).where(eq(dealRegistrations.id, reg.id));
      await recordAudit(tx, ctx.actor, { action: "deal_registration.reject", entity: "deal_registration", entityId: reg.id, before: { status: reg.status }, after: { status: "rejected", reason: input.reason } });
      return { registrationId: reg.id, status: "rejected" as const };
    }
    const registered = await tx
      .select({ productId: dealRegistrationLines.productId, quantity: dealRegistrationLines.quantity })
      .from(dealRegistrationLines)
      .where(eq(dealRegistrationLines.registrationId, reg.id));
    const quantityOf = new Map(registered.map((l) => [l.productId, l.quantity]));
    const errors: Record<string, string[]> = {};
    prices.forEach(({ row: p, i }) => {
      const max = quantityOf.get(p.productId);
      if (max === undefined) errors[`prices.${i}.productId`] = ["deals.errors.notRegisteredProduct"];
      else if (p.quantity > max) errors[`prices.${i}.quantity`] = ["deals.errors.aboveRegistered"];
    });
    if (Object.keys(errors).length) throw new ValidationError(errors);
    const protectedUntil = input.protectedUntil ?? addDays(today, DEAL_PROTECTION_DAYS);
    await tx
      .update(dealRegistrations)
      .set({
        status: "approved",
        protectedFrom: today,
        protectedUntil,
        specialPriceReason: prices.length ? input.specialPriceReason! : null,
        decisionReason: input.reason ?? null,
        decidedBy: ctx.actor.userId,
        decidedAt: now,
        updatedAt: now,
      })
      .where(eq(dealRegistrations.id, reg.id));
    if (prices.length)
      await tx.insert(dealSpecialPrices).values(prices.map(({ row: p }) => ({ registrationId: reg.id, organizationId: reg.organizationId, productId: p.productId, unitPriceFen: p.unitPrice!, quantity: p.quantity })));
    await recordAudit(tx, ctx.actor, {
      action: "deal_registration.approve",
      entity: "deal_registration",
      entityId: reg.id,
      before: { status: reg.status },
      after: { status: "approved", protectedFrom: today, protectedUntil, reason: input.reason ?? null, specialPriceReason: input.specialPriceReason ?? null, prices: prices.map(({ row: p }) => ({ productId: p.productId, unitPriceFen: p.unitPrice, quantity: p.quantity })) },
    });
    return { registrationId: reg.id, status: "approved" as const };
  });
}
