import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { organizations } from "@cs/db";
import type { Actor } from "../access/actor";
import { organizationInDivisions } from "../access/divisions";
import { authorize, can } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { agingOfPartner, type AgingRow } from "./aging";
import { addDays, shanghaiToday } from "../shared/dates";

export type StatementEntry = {
  date: string;
  /** A payment made from the rebate balance at checkout is a "rebate" deduction, a coupon's part of an order a "coupon" one: not money received. */
  kind: "invoice" | "credit_note" | "payment" | "rebate" | "coupon";
  number: string;
  reference: string | null;
  /** What the partner owes more (invoices). */
  debitFen: bigint;
  /** What reduces it (credit notes, payments). */
  creditFen: bigint;
  balanceFen: bigint;
};

export type Statement = {
  organization: { id: string; code: string; name: string; taxId: string | null };
  from: string;
  to: string;
  openingFen: bigint;
  entries: StatementEntry[];
  totalDebitFen: bigint;
  totalCreditFen: bigint;
  closingFen: bigint;
  aging: AgingRow;
  generatedOn: string;
};

/** First day of the current month to today, unless the user chose a period. */
export const statementQuery = z
  .object({
    from: z.iso.date({ error: "validation.date" }).optional(),
    to: z.iso.date({ error: "validation.date" }).optional(),
  })
  .transform((q) => {
    const today = shanghaiToday();
    return { from: q.from ?? `${today.slice(0, 8)}01`, to: q.to ?? today };
  });

/**
 * Staff with invoice:read see the partners of their branches (and of their divisions when limited to
 * some); a partner admin its own account.
 */
function statementScope(actor: Actor, organizationId: string) {
  if (actor.kind === "partner") {
    authorize(actor, "own_account:read");
    if (actor.organizationId !== organizationId) throw new NotFoundError("organization");
    return sql`true`;
  }
  authorize(actor, "invoice:read");
  const divisions = organizationInDivisions(actor, organizations.id) ?? sql`true`;
  if (actor.branchIds === "all") return divisions;
  if (!can(actor, "invoice:read") || actor.branchIds.length === 0) return sql`false`;
  return sql`${organizations.ownerBranchId} in ${actor.branchIds} and ${divisions}`;
}

/** A statement's period from the form or URL (this month to date by default); an end before the start is refused. */
export function statementPeriod(raw: unknown): { from: string; to: string } {
  const { from, to } = parseInput(statementQuery, raw);
  if (to < from) throw new ValidationError({ to: ["billing.validation.periodOrder"] });
  return { from, to };
}

/**
 * Statement of account (对账单) for a period: the balance before it, every invoice, credit note and
 * payment in it with a running balance, the closing balance and the aging at the period's end.
 * Balance = invoices − credit notes − payments, the same receivable creditPosition() reports.
 */
export async function statementOfAccount(ctx: Ctx, organizationId: string, raw: unknown): Promise<Statement> {
  if (!isUuid(organizationId)) throw new NotFoundError("organization");
  const scope = statementScope(ctx.actor, organizationId);
  const { from, to } = statementPeriod(raw);
  const [org] = await ctx.db
    .select({ id: organizations.id, code: organizations.code, name: organizations.name, taxId: organizations.taxId })
    .from(organizations)
    .where(and(eq(organizations.id, organizationId), scope));
  if (!org) throw new NotFoundError("organization");

  const before = addDays(from, -1);
  const [opening] = await ctx.db.execute<{ fen: string }>(sql`
    select (coalesce((select sum(case when kind = 'invoice' then total_fen else -total_fen end) from invoices
                       where organization_id = ${org.id} and issued_on <= ${before}::date), 0)
          - coalesce((select sum(amount_fen) from payments where organization_id = ${org.id} and received_on <= ${before}::date), 0))::text as fen`);
  const rows = await ctx.db.execute<{ date: string; kind: StatementEntry["kind"]; number: string; reference: string | null; amount: string }>(sql`
    select issued_on::text as date, kind::text as kind, number, null as reference, total_fen::text as amount
      from invoices where organization_id = ${org.id} and issued_on between ${from}::date and ${to}::date
    union all
    select received_on::text, case when method in ('rebate', 'coupon') then method::text else 'payment' end, number, reference, amount_fen::text
      -- a rebate payment given back whole to the rebate balance (its order cancelled) paid nothing
      from payments where organization_id = ${org.id} and received_on between ${from}::date and ${to}::date and amount_fen > 0
    order by 1, 3`);
  let balance = BigInt(opening?.fen ?? "0");
  const openingFen = balance;
  let totalDebitFen = 0n;
  let totalCreditFen = 0n;
  const entries = rows.map((r) => {
    const amount = BigInt(r.amount);
    const debit = r.kind === "invoice" ? amount : 0n;
    const credit = r.kind === "invoice" ? 0n : amount;
    balance += debit - credit;
    totalDebitFen += debit;
    totalCreditFen += credit;
    return { date: r.date, kind: r.kind, number: r.number, reference: r.reference, debitFen: debit, creditFen: credit, balanceFen: balance };
  });
  return {
    organization: org,
    from,
    to,
    openingFen,
    entries,
    totalDebitFen,
    totalCreditFen,
    closingFen: balance,
    aging: await agingOfPartner(ctx.db, ctx.actor, org.id, to),
    generatedOn: shanghaiToday(),
  };
}
