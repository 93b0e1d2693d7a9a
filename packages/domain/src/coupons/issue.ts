import { and, eq, inArray, isNotNull } from "drizzle-orm";
import { z } from "zod";
import { coupons, endCustomers, organizations, partnerTiers, type Coupon, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { organizationScope } from "../access/scopes";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { shanghaiToday } from "../shared/dates";
import { ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { blankToUndefined, requiredDateField, requiredText, yuanText } from "../validation/fields";
import { generateCouponCode } from "./code";

/** Partner kinds a coupon may be issued to (not our company or its branches). */
const partnerKinds = ["master_distributor", "agent", "dealer", "key_account"] as const;
export const MAX_COUPON_USES = 10_000;

/** Yuan text or fen; a sign is refused with the coupon's own message ("below zero"). */
const couponMoney = (negative: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*-/.test(v) ? -1n : blankToUndefined(v)),
    z.union([z.bigint(), yuanText], { error: "validation.money" }).optional(),
  ).superRefine((v, c) => {
    if (v !== undefined && v < 0n) c.addIssue({ code: "custom", message: negative });
  });

/** Whole numbers typed into a form; anything else (a decimal, a sign, `1e2`) is refused with `message`. */
const wholeNumber = (message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" ? (/^\s*\d{1,9}\s*$/.test(v) ? Number(v.trim()) : v.trim() === "" ? undefined : Number.NaN) : v),
    z.number({ error: message }).int(message).optional(),
  );

const terms = {
  kind: z.enum(["amount", "percent"], { error: "coupons.errors.kindRequired" }),
  amount: couponMoney("coupons.errors.amountPositive"),
  percent: wholeNumber("coupons.errors.percentRange"),
  minOrder: couponMoney("coupons.errors.minOrderNegative"),
  validFrom: requiredDateField,
  validUntil: requiredDateField,
  usesAllowed: wholeNumber("coupons.errors.usesRange"),
  description: requiredText(200),
};

type Terms = { kind: "amount" | "percent"; amount?: bigint; percent?: number; minOrder?: bigint; validFrom: string; validUntil: string; usesAllowed?: number };

function checkTerms(t: Terms, c: z.RefinementCtx) {
  // a negative amount was refused by its field already
  if (t.kind === "amount" && (t.amount === undefined || t.amount === 0n)) c.addIssue({ code: "custom", path: ["amount"], message: "coupons.errors.amountPositive" });
  if (t.kind === "percent" && (t.percent === undefined || t.percent < 1 || t.percent > 100)) c.addIssue({ code: "custom", path: ["percent"], message: "coupons.errors.percentRange" });
  if (t.validUntil < t.validFrom) c.addIssue({ code: "custom", path: ["validUntil"], message: "coupons.errors.datesOrder" });
  else if (t.validUntil < shanghaiToday()) c.addIssue({ code: "custom", path: ["validUntil"], message: "coupons.errors.endsInPast" });
  if (t.usesAllowed !== undefined && (t.usesAllowed < 1 || t.usesAllowed > MAX_COUPON_USES)) c.addIssue({ code: "custom", path: ["usesAllowed"], message: "coupons.errors.usesRange" });
}

export const issueCouponInput = z
  .object({
    target: z.enum(["organization", "tier", "endCustomer"], { error: "coupons.errors.targetRequired" }),
    organizationId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
    tier: z.preprocess(blankToUndefined, z.enum(partnerTiers, { error: "coupons.errors.targetRequired" }).optional()),
    endCustomerId: z.preprocess(blankToUndefined, z.string().max(64).optional()),
    ...terms,
    /** Set by a care rule: the same key issues nothing twice. */
    sourceKey: z.string().max(200).optional(),
    source: z.enum(["manual", "care"]).default("manual"),
  })
  .superRefine((v, c) => {
    checkTerms(v, c);
    const missing = (path: string) => c.addIssue({ code: "custom", path: [path], message: "coupons.errors.targetRequired" });
    if (v.target === "organization" && !v.organizationId) missing("organizationId");
    if (v.target === "tier" && !v.tier) missing("tier");
    if (v.target === "endCustomer" && !v.endCustomerId) missing("endCustomerId");
  });
export type IssueCouponInput = z.input<typeof issueCouponInput>;

export const issueTierCouponsInput = z.object({ tier: z.enum(partnerTiers, { error: "coupons.errors.targetRequired" }), ...terms }).superRefine(checkTerms);

type Parsed = z.output<typeof issueCouponInput>;

function valuesOf(actor: Actor, p: Omit<Terms, "kind"> & { kind: "amount" | "percent"; description: string }, source: string) {
  return {
    kind: p.kind,
    amountFen: p.kind === "amount" ? p.amount! : null,
    percent: p.kind === "percent" ? p.percent! : null,
    minOrderFen: p.minOrder ?? 0n,
    validFrom: p.validFrom,
    validUntil: p.validUntil,
    usesAllowed: p.usesAllowed ?? 1,
    description: p.description,
    source,
    createdBy: actor.userId,
  };
}

/**
 * Inserts coupons with fresh codes: drawn until none is taken (25^8 codes, so a redraw is rare); a
 * code taken by a concurrent issue in between fails the unique index and the whole issue with it.
 */
async function insertCoupons(tx: Transaction, rows: Omit<typeof coupons.$inferInsert, "code">[], bySourceKey = false): Promise<Coupon[]> {
  const codes = rows.map(() => generateCouponCode());
  for (let round = 0; round < 10; round++) {
    const seen = new Set<string>();
    const duplicate = codes.flatMap((c, i) => (seen.has(c) ? [i] : (seen.add(c), [])));
    const taken = new Set((await tx.select({ code: coupons.code }).from(coupons).where(inArray(coupons.code, codes))).map((r) => r.code));
    const redraw = [...duplicate, ...codes.flatMap((c, i) => (taken.has(c) ? [i] : []))];
    if (redraw.length === 0) break;
    for (const i of redraw) codes[i] = generateCouponCode();
  }
  const insert = tx.insert(coupons).values(rows.map((r, i) => ({ ...r, code: codes[i]! })));
  // a care rule's second run at the same moment: the first one's coupon stands, this one inserts nothing
  return (bySourceKey ? insert.onConflictDoNothing({ target: coupons.sourceKey }) : insert).returning();
}

async function checkTarget(tx: Transaction, actor: Actor, p: Parsed) {
  if (p.target === "organization") {
    // a partner outside the issuer's branches reads as unknown, as everywhere else
    const [org] = isUuid(p.organizationId!)
      ? await tx
          .select({ id: organizations.id })
          .from(organizations)
          .where(and(eq(organizations.id, p.organizationId!), inArray(organizations.kind, [...partnerKinds]), organizationScope(actor)))
      : [];
    if (!org) throw new ValidationError({ organizationId: ["coupons.errors.partnerNotFound"] });
    return { organizationId: org.id };
  }
  if (p.target === "endCustomer") {
    const [customer] = isUuid(p.endCustomerId!) ? await tx.select({ id: endCustomers.id }).from(endCustomers).where(eq(endCustomers.id, p.endCustomerId!)) : [];
    if (!customer) throw new ValidationError({ endCustomerId: ["coupons.errors.customerNotFound"] });
    return { endCustomerId: customer.id };
  }
  return { tier: p.tier! };
}

/**
 * Issues one coupon (coupon:manage) to a partner organization, a tier or an end customer, with a
 * fresh code. By hand it runs once per form `_key`; a care rule passes a `sourceKey` instead (e.g.
 * `birthday:<contact>:<year>`) and gets the coupon it issued before on a second run.
 */
export async function issueCoupon(ctx: Ctx, raw: unknown): Promise<Coupon> {
  authorize(ctx.actor, "coupon:manage");
  const p = parseInput(issueCouponInput, raw);
  return inTransaction(ctx, async (tx) => {
    const issue = async () => {
      const target = await checkTarget(tx, ctx.actor, p);
      const [coupon] = await insertCoupons(tx, [{ ...valuesOf(ctx.actor, p, p.source), ...target, sourceKey: p.sourceKey ?? null }], !!p.sourceKey);
      if (coupon) await recordAudit(tx, ctx.actor, { action: "coupon.issue", entity: "coupon", entityId: coupon.id, after: coupon });
      return coupon;
    };
    if (p.sourceKey) {
      const prior = async () => (await tx.select().from(coupons).where(eq(coupons.sourceKey, p.sourceKey!)))[0];
      return (await prior()) ?? (await issue()) ?? (await prior())!;
    }
    const { result } = await once(tx, ctx.actor, keyOf(raw), p, async () => ({ id: (await issue())!.id }));
    const [coupon] = await tx.select().from(coupons).where(eq(coupons.id, result.id));
    return coupon!;
  });
}

/**
 * One code per active partner of the tier (coupon:manage), each for that partner only, all in one
 * transaction and once per form `_key`. A tier without partners is refused.
 */
export async function issueTierCoupons(ctx: Ctx, raw: unknown): Promise<{ issued: number; replayed: boolean }> {
  authorize(ctx.actor, "coupon:manage");
  const p = parseInput(issueTierCouponsInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result, replayed } = await once(tx, ctx.actor, keyOf(raw), p, async () => {
      const partners = await tx
        .select({ id: organizations.id })
        .from(organizations)
        // a branch's salesperson issues to the tier's partners of its own branches
        .where(and(eq(organizations.tier, p.tier), eq(organizations.status, "active"), inArray(organizations.kind, [...partnerKinds]), isNotNull(organizations.tier), organizationScope(ctx.actor)))
        .orderBy(organizations.code);
      if (partners.length === 0) throw new ValidationError({ tier: ["coupons.errors.tierEmpty"] });
      const issued = await insertCoupons(tx, partners.map((o) => ({ ...valuesOf(ctx.actor, p, "tier"), organizationId: o.id })));
      await recordAudit(tx, ctx.actor, {
        action: "coupon.issue_tier",
        entity: "coupon",
        entityId: issued[0]!.id,
        after: { tier: p.tier, count: issued.length, codes: issued.map((c) => c.code), terms: valuesOf(ctx.actor, p, "tier") },
      });
      return { issued: issued.length };
    });
    return { issued: result.issued, replayed };
  });
}
