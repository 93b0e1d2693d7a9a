import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { divisions, organizations, partnerTargets, periodKinds } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { listQuerySchema, likePattern, type Page } from "../shared/list-query";
import { isUuid, parseInput } from "../shared/parse";
import { blankToUndefined, moneyField, strictNumber } from "../validation/fields";
import { isPeriodStart } from "./periods";
import { channelPartnerScope } from "./scope";

const optionalUuid = z.preprocess(blankToUndefined, z.string().uuid("validation.invalid").optional());

export const targetInput = z
  .object({
    id: optionalUuid,
    version: z.preprocess(blankToUndefined, strictNumber(z.number().int().positive().optional())),
    organizationId: z.string({ error: "validation.required" }).uuid("validation.required"),
    periodKind: z.enum(periodKinds, { error: "validation.required" }),
    periodStart: z.iso.date({ error: "validation.date" }),
    divisionId: optionalUuid,
    amount: moneyField,
  })
  .refine((t) => isPeriodStart(t.periodKind, t.periodStart), { path: ["periodStart"], error: "channel.validation.periodStart" })
  .refine((t) => t.amount > 0n, { path: ["amount"], error: "channel.validation.amountPositive" });
export type TargetInput = z.output<typeof targetInput>;

const sortKeys = ["code", "name", "periodStart", "amount"] as const;
export const targetsQuery = listQuerySchema(sortKeys, "periodStart").extend({
  // Newest periods first: the list opened on the oldest month of the demo's trailing year.
  dir: z.enum(["asc", "desc"]).catch("desc"),
  periodKind: z.enum(periodKinds).optional().catch(undefined),
  periodStart: z.iso.date().optional().catch(undefined),
  branchId: z.string().uuid().optional().catch(undefined),
  divisionId: z.string().uuid().optional().catch(undefined),
});
export type TargetsQuery = z.output<typeof targetsQuery>;

export type TargetRow = {
  id: string;
  organizationId: string;
  code: string;
  name: string;
  branchName: string | null;
  periodKind: (typeof periodKinds)[number];
  periodStart: string;
  divisionId: string | null;
  divisionCode: string | null;
  amountFen: bigint;
  version: number;
};

const sortSql: Record<(typeof sortKeys)[number], string> = { code: "organizations.code", name: "organizations.name", periodStart: "t.period_start", amount: "t.amount_fen" };

/** Targets of partners in scope, filtered, sorted and paged in SQL. */
export async function listTargets(ctx: Ctx, query: TargetsQuery): Promise<Page<TargetRow>> {
  authorize(ctx.actor, "channel:read");
  const where: SQL[] = [channelPartnerScope(ctx.actor)];
  if (query.periodKind) where.push(sql`t.period_kind = ${query.periodKind}`);
  if (query.periodStart) where.push(sql`t.period_start = ${query.periodStart}::date`);
  if (query.branchId) where.push(sql`organizations.owner_branch_id = ${query.branchId}::uuid`);
  if (query.divisionId) where.push(sql`t.division_id = ${query.divisionId}::uuid`);
  if (query.q) where.push(sql`(organizations.code ilike ${likePattern(query.q)} or organizations.name ilike ${likePattern(query.q)})`);
  const rows = await ctx.db.execute<{
    id: string; organization_id: string; code: string; name: string; branch_name: string | null; period_kind: TargetRow["periodKind"];
    period_start: string; division_id: string | null; division_code: string | null; amount_fen: bigint; version: number; total: number;
  }>(sql`
    select t.id, t.organization_id, organizations.code, organizations.name, coalesce(b.short_name, b.name) as branch_name, t.period_kind, t.period_start::text as period_start,
           t.division_id, d.code as division_code, t.amount_fen, t.version, count(*) over ()::int as total
      from partner_targets t
      join organizations on organizations.id = t.organization_id
      left join organizations b on b.id = organizations.owner_branch_id
      left join divisions d on d.id = t.division_id
     where ${sql.join(where, sql` and `)}
     order by ${sql.raw(sortSql[query.sort])} ${sql.raw(query.dir === "desc" ? "desc" : "asc")}, organizations.code, t.period_start, d.code nulls first
     limit ${query.size} offset ${(query.page - 1) * query.size}`);
  return {
    rows: rows.map((r) => ({
      id: r.id, organizationId: r.organization_id, code: r.code, name: r.name, branchName: r.branch_name, periodKind: r.period_kind,
      periodStart: r.period_start, divisionId: r.division_id, divisionCode: r.division_code, amountFen: BigInt(r.amount_fen), version: r.version,
    })),
    total: rows[0]?.total ?? 0,
    page: query.page,
    size: query.size,
  };
}

/** Channel partners in scope for the target form's picker. */
export async function listTargetPartners(ctx: Ctx) {
  authorize(ctx.actor, "channel:read");
  return ctx.db
    .select({ id: organizations.id, code: organizations.code, name: organizations.name })
    .from(organizations)
    .where(channelPartnerScope(ctx.actor))
    .orderBy(organizations.code)
    .limit(5000);
}

/**
 * Writes target rows (already validated) as one upsert on the partner × period × division key:
 * a row that exists gets the new amount (and a new version only when the amount changed), so
 * importing the same file twice changes nothing the second time.
 */
export async function upsertTargets(ctx: Ctx, rows: readonly Omit<TargetInput, "id" | "version">[]) {
  if (rows.length === 0) return [];
  const values = sql.join(
    rows.map((r) => sql`(${r.organizationId}::uuid, ${r.periodKind}::period_kind, ${r.periodStart}::date, ${r.divisionId ?? null}::uuid, ${r.amount}::bigint, ${ctx.actor.userId}::uuid)`),
    sql`, `,
  );
  return ctx.db.execute<{ id: string; organization_id: string; amount_fen: bigint; version: number; changed: boolean }>(sql`
    insert into partner_targets as t (organization_id, period_kind, period_start, division_id, amount_fen, updated_by)
    values ${values}
    on conflict (organization_id, period_kind, period_start, coalesce(division_id, '00000000-0000-0000-0000-000000000000'::uuid))
    do update set amount_fen = excluded.amount_fen, version = t.version + 1, updated_by = excluded.updated_by, updated_at = now()
      where t.amount_fen <> excluded.amount_fen
    returning t.id, t.organization_id, t.amount_fen, t.version, (xmax <> 0) as changed`);
}

/** A partner in the actor's channel scope, or a field error (never a hint it exists elsewhere). */
async function partnerInScope(ctx: Ctx, organizationId: string) {
  const [org] = await ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), channelPartnerScope(ctx.actor)));
  if (!org) throw new ValidationError({ organizationId: ["channel.validation.partnerNotFound"] });
}

/** Creates or edits one target (an edit carries the version it was read at). */
export async function saveTarget(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "target:manage");
  const input = parseInput(targetInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    await partnerInScope(tctx, input.organizationId);
    if (input.divisionId) {
      const [d] = await tx.select({ id: divisions.id }).from(divisions).where(eq(divisions.id, input.divisionId));
      if (!d) throw new ValidationError({ divisionId: ["validation.invalid"] });
    }
    let before: { amountFen: bigint } | undefined;
    let id: string;
    if (input.id) {
      const [row] = await tx
        .select({ target: partnerTargets })
        .from(partnerTargets)
        .innerJoin(organizations, eq(organizations.id, partnerTargets.organizationId))
        .where(and(eq(partnerTargets.id, input.id), channelPartnerScope(ctx.actor)))
        .for("update", { of: partnerTargets });
      if (!row) throw new NotFoundError("target");
      if (input.version !== undefined && row.target.version !== input.version) throw new ConflictError("errors.staleEdit");
      before = { amountFen: row.target.amountFen };
      const [clash] = await tx.execute<{ id: string }>(sql`
        select id from partner_targets where id <> ${input.id} and organization_id = ${input.organizationId} and period_kind = ${input.periodKind}
           and period_start = ${input.periodStart}::date and division_id is not distinct from ${input.divisionId ?? null}::uuid`);
      if (clash) throw new ValidationError({ periodStart: ["channel.validation.duplicateTarget"] });
      await tx
        .update(partnerTargets)
        .set({ organizationId: input.organizationId, periodKind: input.periodKind, periodStart: input.periodStart, divisionId: input.divisionId ?? null, amountFen: input.amount, version: row.target.version + 1, updatedBy: ctx.actor.userId, updatedAt: new Date() })
        .where(eq(partnerTargets.id, input.id));
      id = input.id;
    } else {
      // Saving a partner × period × division that has a target sets its amount (a retry is a no-op).
      const [saved] = await upsertTargets(tctx, [input]);
      const [existing] = saved
        ? [saved]
        : await tx.execute<{ id: string }>(sql`
            select id from partner_targets where organization_id = ${input.organizationId} and period_kind = ${input.periodKind}
               and period_start = ${input.periodStart}::date and division_id is not distinct from ${input.divisionId ?? null}::uuid`);
      id = existing!.id;
    }
    await recordAudit(tx, ctx.actor, {
      action: input.id ? "target.update" : "target.save",
      entity: "partner_target",
      entityId: id,
      before,
      after: { organizationId: input.organizationId, periodKind: input.periodKind, periodStart: input.periodStart, divisionId: input.divisionId ?? null, amountFen: input.amount },
    });
    return { id };
  });
}

/** Removes a target of a partner in scope. */
export async function deleteTarget(ctx: Ctx, id: string) {
  authorize(ctx.actor, "target:manage");
  if (!isUuid(id)) throw new NotFoundError("target");
  return inTransaction(ctx, async (tx) => {
    const [row] = await tx
      .select({ target: partnerTargets })
      .from(partnerTargets)
      .innerJoin(organizations, eq(organizations.id, partnerTargets.organizationId))
      .where(and(eq(partnerTargets.id, id), channelPartnerScope(ctx.actor)))
      .for("update", { of: partnerTargets });
    if (!row) throw new NotFoundError("target");
    await tx.delete(partnerTargets).where(eq(partnerTargets.id, id));
    await recordAudit(tx, ctx.actor, { action: "target.delete", entity: "partner_target", entityId: id, before: row.target });
  });
}

/** One target of a partner in scope, for the edit form. */
export async function getTarget(ctx: Ctx, id: string) {
  authorize(ctx.actor, "channel:read");
  if (!isUuid(id)) throw new NotFoundError("target");
  const [row] = await ctx.db
    .select({ target: partnerTargets, name: organizations.name, code: organizations.code })
    .from(partnerTargets)
    .innerJoin(organizations, eq(organizations.id, partnerTargets.organizationId))
    .where(and(eq(partnerTargets.id, id), channelPartnerScope(ctx.actor)));
  if (!row) throw new NotFoundError("target");
  return { ...row.target, partnerName: row.name, partnerCode: row.code };
}
