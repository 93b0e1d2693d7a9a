import { randomUUID } from "node:crypto";
import { and, count, eq, gt, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog, campaigns, leadCaptures, leadEvents, leads, type DatabaseOrTransaction, type LeadSource, type Transaction } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit, toAuditJson } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { blankToUndefined, checkboxField, creditCodeField, emailField, mobileField, optionalText, requiredText } from "../validation/fields";
import { LANDING_MAX_PER_WINDOW, LANDING_WINDOW_MINUTES, leadLockNames } from "./lead-rules";

const leadFields = {
  name: requiredText(100),
  company: optionalText(200),
  mobile: mobileField,
  email: emailField,
  creditCode: creditCodeField,
  province: optionalText(50),
  city: optionalText(50),
  interest: optionalText(200),
};

/** A lead must be reachable: a mobile or an e-mail (staff and imports may give a credit code instead). */
const reachable = (withCode: boolean) => (v: { mobile?: string; email?: string; creditCode?: string }, c: z.RefinementCtx) => {
  if (v.mobile || v.email || (withCode && v.creditCode)) return;
  c.addIssue({ code: "custom", path: ["mobile"], message: withCode ? "leads.errors.contactOrCodeRequired" : "leads.errors.contactRequired" });
};

export const leadInput = z.object({ ...leadFields, campaignId: z.preprocess(blankToUndefined, z.uuid({ error: "validation.invalid" }).optional()), note: optionalText(1000) }).superRefine(reachable(true));
const { creditCode: _creditCode, ...landingFields } = leadFields;
export const landingInput = z
  .object({ ...landingFields, consent: checkboxField })
  .superRefine(reachable(false))
  .superRefine((v, c) => {
    if (!v.consent) c.addIssue({ code: "custom", path: ["consent"], message: "leads.errors.consentRequired" });
  });
export type LeadFields = Omit<z.output<typeof leadInput>, "note">;

/** The hidden field a person never sees; a bot filling every field fills it too. */
export const HONEYPOT_FIELD = "website";

type Intake = LeadFields & { source: LeadSource; note?: string; createdBy: string | null };
type IntakeResult = { leadId: string; merged: boolean };

/** Serialises every intake sharing a mobile, e-mail or credit code, so two at once cannot both create. */
async function lockKeys(tx: Transaction, lead: Pick<LeadFields, "mobile" | "email" | "creditCode">) {
  for (const name of leadLockNames(lead)) await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${name}))`);
}

/** The live lead this one duplicates (by mobile, e-mail or credit code), seen across partners. */
export async function duplicateLead(tx: DatabaseOrTransaction, lead: Pick<LeadFields, "mobile" | "email" | "creditCode">): Promise<string | null> {
  const [row] = await tx.execute<{ id: string | null }>(sql`select cs_lead_duplicate(${lead.mobile ?? null}::text, ${lead.email ?? null}::text, ${lead.creditCode ?? null}::text) as id`);
  return row?.id ?? null;
}

/**
 * The one way a lead comes in (staff, import, landing form): a duplicate of a live lead becomes a
 * `merged` event on that lead with what was submitted, never a second row; anything else a new
 * pool lead with its `captured` event. Ids are made here, not returned by the insert: the landing
 * form's connection may add a pool lead but not read it back.
 */
export async function intakeLead(tx: Transaction, lead: Intake): Promise<IntakeResult> {
  await lockKeys(tx, lead);
  const existing = await duplicateLead(tx, lead);
  const submitted = toAuditJson({ ...lead, createdBy: undefined }) as Record<string, unknown>;
  if (existing) {
    await tx.insert(leadEvents).values({ leadId: existing, kind: "merged", note: lead.note ?? null, data: submitted, actorId: lead.createdBy });
    return { leadId: existing, merged: true };
  }
  const id = randomUUID();
  await tx.insert(leads).values({
    id,
    name: lead.name,
    company: lead.company ?? null,
    mobile: lead.mobile ?? null,
    email: lead.email ?? null,
    creditCode: lead.creditCode ?? null,
    province: lead.province ?? null,
    city: lead.city ?? null,
    interest: lead.interest ?? null,
    source: lead.source,
    campaignId: lead.campaignId ?? null,
    createdBy: lead.createdBy,
  });
  await tx.insert(leadEvents).values({ leadId: id, kind: "captured", note: lead.note ?? null, data: { source: lead.source, campaignId: lead.campaignId ?? null }, actorId: lead.createdBy });
  return { leadId: id, merged: false };
}

/** Staff (lead:manage) enter a lead by hand; a duplicate is merged into the live lead it repeats. Once per form `_key`. */
export async function createLead(ctx: Ctx, raw: unknown): Promise<IntakeResult> {
  authorize(ctx.actor, "lead:manage");
  const input = parseInput(leadInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      if (input.campaignId) {
        const [c] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.id, input.campaignId));
        if (!c) throw new ValidationError({ campaignId: ["validation.invalid"] });
      }
      const r = await intakeLead(tx, { ...input, source: "staff", createdBy: ctx.actor.userId });
      await recordAudit(tx, ctx.actor, { action: r.merged ? "lead.merge" : "lead.create", entity: "lead", entityId: r.leadId, after: { ...input, source: "staff" } });
      return r;
    });
    return result;
  });
}

/** An open campaign (approved or running) by its landing code; NotFound for an unknown or closed one. */
export async function landingCampaign(db: DatabaseOrTransaction, code: string) {
  const normal = code.trim().toLowerCase();
  if (!/^[a-z0-9][a-z0-9-]{2,39}$/.test(normal)) throw new NotFoundError("campaign");
  const [row] = await db
    .select({ id: campaigns.id, name: campaigns.name, code: campaigns.code, startsOn: campaigns.startsOn, endsOn: campaigns.endsOn })
    .from(campaigns)
    .where(and(eq(campaigns.code, normal), inArray(campaigns.status, ["approved", "running"])));
  if (!row) throw new NotFoundError("campaign");
  return row;
}

export type LandingMeta = { ip: string | null; consentText: string };

/**
 * A visitor's submission of a campaign's public landing form (`/c/<code>`), signed in or not. A
 * filled honeypot is answered like success and dropped; each client address may submit
 * LANDING_MAX_PER_WINDOW times per LANDING_WINDOW_MINUTES (refused after, changing nothing). The
 * consent text the visitor agreed to is kept with the submission.
 */
export async function captureLead(db: DatabaseOrTransaction, code: string, raw: unknown, meta: LandingMeta): Promise<{ accepted: true }> {
  const campaign = await landingCampaign(db, code);
  const trap = raw && typeof raw === "object" && Object.hasOwn(raw, HONEYPOT_FIELD) ? blankToUndefined((raw as Record<string, unknown>)[HONEYPOT_FIELD]) : undefined;
  const input = trap === undefined ? parseInput(landingInput, raw) : null;
  return db.transaction(async (tx) => {
    if (meta.ip) {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`lead:ip:${meta.ip}`}))`);
      const [recent] = await tx
        .select({ n: count() })
        .from(leadCaptures)
        .where(and(sql`${leadCaptures.ip} = ${meta.ip}::inet`, gt(leadCaptures.createdAt, sql`now() - ${LANDING_WINDOW_MINUTES} * interval '1 minute'`)));
      if ((recent?.n ?? 0) >= LANDING_MAX_PER_WINDOW) throw new ValidationError({ form: ["leads.errors.tooManySubmissions"] });
    }
    if (!input) {
      await tx.insert(leadCaptures).values({ campaignId: campaign.id, outcome: "dropped", consentText: meta.consentText, ip: meta.ip });
      return { accepted: true as const };
    }
    const { consent: _consent, ...fields } = input;
    const r = await intakeLead(tx, { ...fields, campaignId: campaign.id, source: "landing", createdBy: null });
    await tx.insert(leadCaptures).values({ campaignId: campaign.id, leadId: r.leadId, outcome: r.merged ? "merged" : "created", consentText: meta.consentText, ip: meta.ip });
    await tx.insert(auditLog).values({
      actorId: null,
      actorOrganizationId: null,
      action: r.merged ? "lead.merge" : "lead.capture",
      entity: "lead",
      entityId: r.leadId,
      after: toAuditJson({ ...fields, campaignId: campaign.id, source: "landing", consentText: meta.consentText }),
      ip: meta.ip,
    });
    return { accepted: true as const };
  });
}

export const campaignCodeInput = z.object({
  campaignId: z.string(),
  code: z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.string({ error: "validation.required" }).regex(/^[a-z0-9][a-z0-9-]{2,39}$/, "leads.errors.codeFormat"),
  ),
});

/** Marketing staff give a campaign its landing code; a code another campaign has is refused. */
export async function setCampaignCode(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "lead:manage");
  const input = parseInput(campaignCodeInput, raw);
  if (!isUuid(input.campaignId)) throw new NotFoundError("campaign");
  return inTransaction(ctx, async (tx) => {
    const [campaign] = await tx.select({ id: campaigns.id, code: campaigns.code }).from(campaigns).where(eq(campaigns.id, input.campaignId)).for("update");
    if (!campaign) throw new NotFoundError("campaign");
    if (campaign.code === input.code) return { campaignId: campaign.id, code: input.code };
    const [taken] = await tx.select({ id: campaigns.id }).from(campaigns).where(eq(campaigns.code, input.code));
    if (taken) throw new ValidationError({ code: ["leads.errors.codeTaken"] });
    await tx.update(campaigns).set({ code: input.code, updatedAt: new Date() }).where(eq(campaigns.id, campaign.id));
    await recordAudit(tx, ctx.actor, { action: "campaign.set_code", entity: "campaign", entityId: campaign.id, before: { code: campaign.code }, after: { code: input.code } });
    return { campaignId: campaign.id, code: input.code };
  });
}
