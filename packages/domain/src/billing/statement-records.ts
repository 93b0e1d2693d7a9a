import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { accountStatements, organizations, statementDisputes, users, type AccountStatementStatus, type Database, type StatementDisputeStatus } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { tenantScope } from "../access/scopes";
import { notify } from "../notifications/notify";
import type { Ctx } from "../shared/context";
import { addDays, addMonths, shanghaiToday } from "../shared/dates";
import { NotFoundError } from "../shared/errors";
import { listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import { statementOfAccount, type Statement } from "./statement";

/** Days after issue before an unconfirmed statement earns its partner a reminder. */
export const STATEMENT_REMIND_AFTER_DAYS = 7;

/** The kinds of organization that buy from us on account and so confirm statements. */
const statementKinds = sql`('master_distributor', 'agent', 'dealer', 'key_account')`;

export const accountStatementScope = (actor: Actor) => tenantScope(actor, accountStatements, { staff: "invoice:read", partner: "own_account:read" });

/** A month's statement period: its first to its last day. */
export function monthPeriod(month: string): { from: string; to: string } {
  return { from: month, to: addDays(addMonths(month, 1), -1) };
}

/** The month whose statements are due: last month (in China). */
export const lastMonth = (today = shanghaiToday()) => addMonths(`${today.slice(0, 7)}-01`, -1);

/** Fen fields as decimal strings, so the frozen statement survives JSON. */
export function toSnapshot(s: Statement): Record<string, unknown> {
  return JSON.parse(JSON.stringify(s, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))) as Record<string, unknown>;
}

/** The frozen statement back with bigint fen: every key ending in `Fen` holds one. */
export function fromSnapshot(json: unknown): Statement {
  return JSON.parse(JSON.stringify(json), (k, v: unknown) => (k.endsWith("Fen") && typeof v === "string" ? BigInt(v) : v)) as Statement;
}

/**
 * Issues the month's statements to every buying partner with any invoice or payment up to the
 * month's end (set-based, once: a second run adds none). Returns how many were new.
 */
export async function issueMonthlyStatements(db: Database, month: string): Promise<number> {
  const { to } = monthPeriod(month);
  const rows = await db.execute<{ id: string }>(sql`
    insert into account_statements (organization_id, owner_branch_id, month)
    select o.id, o.owner_branch_id, ${month}::date from organizations o
     where o.kind in ${statementKinds}
       and (exists (select 1 from invoices i where i.organization_id = o.id and i.issued_on <= ${to}::date)
         or exists (select 1 from payments p where p.organization_id = o.id and p.received_on <= ${to}::date))
    on conflict (organization_id, month) do nothing
    returning id`);
  return rows.length;
}

/**
 * Reminds partners of statements still unconfirmed `afterDays` after issue, once each: the rows are
 * claimed with SKIP LOCKED and marked in the transaction that queues the notice, so two workers or a
 * rerun never remind twice.
 */
export async function remindUnconfirmedStatements(db: Database, options: { afterDays?: number; now?: Date; limit?: number } = {}): Promise<number> {
  const { afterDays = STATEMENT_REMIND_AFTER_DAYS, now = new Date(), limit = 100 } = options;
  const before = new Date(now.getTime() - afterDays * 86_400_000);
  return db.transaction(async (tx) => {
    const due = await tx.execute<{ id: string; organization_id: string; month: string }>(sql`
      select id, organization_id, month::text from account_statements
       where status <> 'confirmed' and reminded_at is null and issued_at <= ${before.toISOString()}::timestamptz
       order by issued_at limit ${limit} for update skip locked`);
    for (const s of due) {
      await notify(tx, {
        audiences: [{ organizationId: s.organization_id, permission: "own_account:read" }],
        kind: "statement.reminder",
        entityType: "statement",
        entityId: s.id,
        params: { month: s.month.slice(0, 7), days: afterDays },
      });
      await tx.update(accountStatements).set({ remindedAt: now }).where(eq(accountStatements.id, s.id));
    }
    return due.length;
  });
}

export const statementListQuery = listQuerySchema(["month"] as const, "month").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  status: z.enum(["open", "disputed", "confirmed", "all"]).catch("all"),
});
export type StatementListQuery = z.output<typeof statementListQuery>;

export type StatementRow = {
  id: string;
  month: string;
  partner: string;
  partnerCode: string;
  status: AccountStatementStatus;
  issuedAt: Date;
  confirmedAt: Date | null;
  openDisputes: number;
};

/** Monthly statements in the actor's scope (a partner's own; finance by branch), newest month first. */
export async function listAccountStatements(ctx: Ctx, query: StatementListQuery): Promise<Page<StatementRow>> {
  authorize(ctx.actor, ctx.actor.kind === "partner" ? "own_account:read" : "invoice:read");
  const where = and(accountStatementScope(ctx.actor), query.status === "all" ? undefined : eq(accountStatements.status, query.status));
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: accountStatements.id,
        month: accountStatements.month,
        partner: organizations.name,
        partnerCode: organizations.code,
        status: accountStatements.status,
        issuedAt: accountStatements.issuedAt,
        confirmedAt: accountStatements.confirmedAt,
        openDisputes: sql<number>`(select count(*)::int from statement_disputes d where d.statement_id = ${accountStatements.id} and d.status = 'open')`,
      })
      .from(accountStatements)
      .innerJoin(organizations, eq(organizations.id, accountStatements.organizationId))
      .where(where)
      .orderBy(query.dir === "asc" ? asc(accountStatements.month) : desc(accountStatements.month), organizations.code)
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(accountStatements).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}

export type StatementDisputeRow = {
  id: string;
  entryNumber: string;
  reason: string;
  status: StatementDisputeStatus;
  resolution: string | null;
  raisedBy: string;
  raisedAt: Date;
  resolvedAt: Date | null;
};

export type AccountStatementDetail = {
  id: string;
  month: string;
  status: AccountStatementStatus;
  confirmedAt: Date | null;
  confirmedBy: string | null;
  statement: Statement;
  disputes: StatementDisputeRow[];
};

/** The statement row in the actor's scope (another partner's, or a malformed id: not found). */
export async function findAccountStatement(ctx: Ctx, id: string) {
  if (!isUuid(id)) throw new NotFoundError("statement");
  const [row] = await ctx.db
    .select({ record: accountStatements, confirmedBy: users.displayName })
    .from(accountStatements)
    .leftJoin(users, eq(users.id, accountStatements.confirmedBy))
    .where(and(eq(accountStatements.id, id), accountStatementScope(ctx.actor)));
  if (!row) throw new NotFoundError("statement");
  return row;
}

/**
 * One monthly statement with its disputes: a confirmed one exactly as frozen, any other computed
 * now from the ledger (so a correction finance makes shows before the partner confirms).
 */
export async function getAccountStatement(ctx: Ctx, id: string): Promise<AccountStatementDetail> {
  authorize(ctx.actor, ctx.actor.kind === "partner" ? "own_account:read" : "invoice:read");
  const { record, confirmedBy } = await findAccountStatement(ctx, id);
  const statement = record.status === "confirmed" ? fromSnapshot(record.snapshot) : await statementOfAccount(ctx, record.organizationId, monthPeriod(record.month));
  const disputes = await ctx.db
    .select({
      id: statementDisputes.id,
      entryNumber: statementDisputes.entryNumber,
      reason: statementDisputes.reason,
      status: statementDisputes.status,
      resolution: statementDisputes.resolution,
      raisedBy: users.displayName,
      raisedAt: statementDisputes.raisedAt,
      resolvedAt: statementDisputes.resolvedAt,
    })
    .from(statementDisputes)
    .innerJoin(users, eq(users.id, statementDisputes.raisedBy))
    .where(eq(statementDisputes.statementId, record.id))
    .orderBy(statementDisputes.raisedAt);
  return { id: record.id, month: record.month, status: record.status, confirmedAt: record.confirmedAt, confirmedBy, statement, disputes };
}
