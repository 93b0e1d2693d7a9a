import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { surveys, type Database, type Survey, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { tenantCtx } from "../access/tenant";
import { loadActor } from "../users/actor";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { optionalText } from "../validation/fields";
import { openRepairSurvey } from "./open";
import { surveyScope } from "./scope";

/** A link token as the e-mail carries it (base64url of 32 bytes); anything else is refused unread. */
export const surveyToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
export const hashSurveyToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** A whole number typed or clicked; a blank is "no answer", not 0 (0 is an NPS answer). */
const scoreField = z.preprocess(
  (v) => (typeof v === "string" ? (/^\s*\d{1,2}\s*$/.test(v) ? Number(v) : v.trim() === "" ? undefined : Number.NaN) : v),
  z.number({ error: "satisfaction.errors.score" }).int("satisfaction.errors.score"),
);

export const answerInput = z.object({ surveyId: z.string().refine(isUuid, "validation.invalid"), score: scoreField, comment: optionalText(1000) });
export const answerFields = answerInput.omit({ surveyId: true });

const refuse = (key: string) => new ValidationError({ score: [key] }, key);

/** The rules of one answer: open, not yet answered, a score on the kind's scale (CSAT 1–5, NPS 0–10). */
function checkAnswer(s: Survey, score: number, now: Date) {
  if (s.answeredAt) throw refuse("satisfaction.errors.answered");
  if (s.expiresAt <= now) throw refuse("satisfaction.errors.expired");
  const [min, max] = s.kind === "nps" ? [0, 10] : [1, 5];
  if (score < min || score > max) throw refuse(s.kind === "nps" ? "satisfaction.errors.npsScore" : "satisfaction.errors.score");
}

async function record(tx: Transaction, actor: Actor, s: Survey, input: { score: number; comment?: string }, key: string | undefined) {
  const now = new Date();
  checkAnswer(s, input.score, now);
  // answered_at is null in the same statement: two answers at once cannot both land
  const [done] = await tx
    .update(surveys)
    .set({ score: input.score, comment: input.comment ?? null, answeredAt: now, answeredBy: actor.userId, answerKey: key ?? null })
    .where(and(eq(surveys.id, s.id), sql`${surveys.answeredAt} is null`))
    .returning({ id: surveys.id });
  if (!done) throw refuse("satisfaction.errors.answered");
  await recordAudit(tx, actor, { action: "survey.answer", entity: "survey", entityId: s.id, after: { kind: s.kind, score: input.score, comment: input.comment ?? null } });
  return { surveyId: s.id, kind: s.kind, score: input.score };
}

async function answerWhere(ctx: Ctx, raw: unknown, find: (tx: Transaction) => Promise<Survey | undefined>, input: { score: number; comment?: string }, payload: unknown) {
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), payload, async () => {
      const s = await find(tx);
      if (!s) throw new NotFoundError("survey");
      return record(tx, ctx.actor, s, input, keyOf(raw));
    });
    return result;
  });
}

/** A partner or customer answers one of its surveys in the portal: once, while open. */
export async function answerSurvey(ctx: Ctx, raw: unknown) {
  const input = parseInput(answerInput, raw);
  return answerWhere(
    ctx,
    raw,
    async (tx) => (await tx.select().from(surveys).where(and(eq(surveys.id, input.surveyId), surveyScope(ctx.actor))).for("update"))[0],
    input,
    input,
  );
}

/**
 * The survey of a closed repair, answered from the request's page (the one star rating before,
 * decision 034), inside the caller's transaction: opened first when the care pass has not yet.
 */
export async function answerRepairSurveyIn(tx: Transaction, actor: Actor, requestId: string, input: { score: number; comment?: string | null }, key: string | undefined) {
  await openRepairSurvey(tx, requestId);
  const [s] = await tx.select().from(surveys).where(and(eq(surveys.kind, "repair"), eq(surveys.subjectId, requestId), surveyScope(actor))).for("update");
  if (!s) throw new NotFoundError("survey");
  return record(tx, actor, s, { score: input.score, comment: input.comment ?? undefined }, key);
}

/**
 * Whom a link's token was sent to, as an actor: the token is looked up by its hash through the one
 * definer function the portal may call before anyone signs in; a forged token, or one whose
 * respondent is no longer active, is not found.
 */
async function linkActor(db: Database, token: string, ip?: string | null) {
  if (!surveyToken.safeParse(token).success) throw new NotFoundError("survey");
  const hash = hashSurveyToken(token);
  const [row] = await db.execute<{ user_id: string | null }>(sql`select cs_survey_respondent(${hash}) as user_id`);
  const actor = row?.user_id ? await loadActor(db, row.user_id, ip) : null;
  if (!actor) throw new NotFoundError("survey");
  return { ctx: tenantCtx(db, actor), hash };
}

const byHash = (tx: Transaction, actor: Actor, hash: string) => tx.select().from(surveys).where(and(eq(surveys.tokenHash, hash), surveyScope(actor)));

/** The survey a link opens, for its page: what is asked and whether it can still be answered. */
export async function surveyByToken(db: Database, token: string) {
  const { ctx, hash } = await linkActor(db, token);
  const s = await inTransaction(ctx, async (tx) => (await byHash(tx, ctx.actor, hash))[0]);
  if (!s) throw new NotFoundError("survey");
  const state = s.answeredAt ? ("answered" as const) : s.expiresAt <= new Date() ? ("expired" as const) : ("open" as const);
  return { kind: s.kind, period: s.period, state, score: s.score, subjectNumber: await subjectNumber(ctx, s) };
}

/** One click from the e-mail: the link's respondent answers, with the same rules as in the portal. */
export async function answerSurveyByToken(db: Database, token: string, raw: unknown, ip?: string | null) {
  const { ctx, hash } = await linkActor(db, token, ip);
  const input = parseInput(answerFields, raw);
  return answerWhere(ctx, raw, async (tx) => (await byHash(tx, ctx.actor, hash).for("update"))[0], input, { ...input, token: hash });
}

/** The order or repair number a survey is about (the quarter for NPS). */
async function subjectNumber(ctx: Ctx, s: Survey): Promise<string> {
  if (s.kind === "nps") return s.period;
  const [row] = await ctx.db.execute<{ number: string }>(
    s.kind === "repair"
      ? sql`select number from repair_requests where id = ${s.subjectId}::uuid`
      : sql`select o.number from shipments sh join orders o on o.id = sh.order_id where sh.id = ${s.subjectId}::uuid`,
  );
  return row?.number ?? "";
}
