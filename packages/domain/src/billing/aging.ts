import { sql } from "drizzle-orm";
import { z } from "zod";
import { invoices, payments, type DatabaseOrTransaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { tenantScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { listQuerySchema, likePattern, type Page } from "../shared/list-query";
import { shanghaiToday } from "../shared/dates";

export const agingBuckets = ["notDue", "d0_30", "d31_60", "d61_90", "d90Plus"] as const;
export type AgingBucket = (typeof agingBuckets)[number];

export type AgingRow = {
  id: string;
  code: string;
  name: string;
  notDueFen: bigint;
  d0_30Fen: bigint;
  d31_60Fen: bigint;
  d61_90Fen: bigint;
  d90PlusFen: bigint;
  /** Unapplied credit notes and unallocated payments as of the date. */
  creditFen: bigint;
  /** Σ buckets − credit. */
  balanceFen: bigint;
};

/** Which bucket an invoice falls in, by whole days past its due date (0 or less: not yet due). */
export function agingBucket(daysPastDue: number): AgingBucket {
  if (daysPastDue <= 0) return "notDue";
  if (daysPastDue <= 30) return "d0_30";
  if (daysPastDue <= 60) return "d31_60";
  if (daysPastDue <= 90) return "d61_90";
  return "d90Plus";
}

export const agingQuery = listQuerySchema(["balance", "overdue", "name"] as const, "balance").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  asOf: z.iso.date().optional().catch(undefined),
  by: z.enum(["partner", "branch"]).catch("partner"),
});
export type AgingQuery = z.output<typeof agingQuery>;

/**
 * What is open as of a date, per document: invoices (less allocations), credit notes and payments
 * (what they have not given to invoices). Every allocation is dated by its source (a payment's
 * received_on, a credit note's issued_on), so a past date ignores later money, and credit given to
 * an invoice issued after the date still counts as credit on that date.
 */
function openItems(actor: Actor, asOf: string, organizationId?: string) {
  const day = sql`${asOf}::date`;
  const one = (col: string) => (organizationId ? sql`and ${sql.identifier(col)}.organization_id = ${organizationId}::uuid` : sql``);
  return sql`
    select invoices.organization_id, invoices.owner_branch_id, invoices.kind::text as kind, invoices.due_on,
           invoices.total_fen - coalesce((
             select sum(a.amount_fen) from payment_allocations a
               left join payments p on p.id = a.payment_id
               left join invoices c on c.id = a.credit_note_id
              where a.invoice_id = invoices.id and coalesce(p.received_on, c.issued_on) <= ${day}), 0) as open_fen
      from invoices
     where invoices.kind = 'invoice' and invoices.issued_on <= ${day}
       and ${tenantScope(actor, invoices, { staff: "invoice:read", partner: "own_account:read" })} ${one("invoices")}
    union all
    select invoices.organization_id, invoices.owner_branch_id, 'credit', invoices.due_on,
           invoices.total_fen - coalesce((
             select sum(a.amount_fen) from payment_allocations a join invoices t on t.id = a.invoice_id
              where a.credit_note_id = invoices.id and t.issued_on <= ${day}), 0)
      from invoices
     where invoices.kind = 'credit_note' and invoices.issued_on <= ${day}
       and ${tenantScope(actor, invoices, { staff: "invoice:read", partner: "own_account:read" })} ${one("invoices")}
    union all
    select payments.organization_id, payments.owner_branch_id, 'credit', payments.received_on,
           payments.unallocated_fen + coalesce((
             select sum(a.amount_fen) from payment_allocations a join invoices t on t.id = a.invoice_id
              where a.payment_id = payments.id and t.issued_on > ${day}), 0)
      from payments
     where payments.received_on <= ${day}
       and ${tenantScope(actor, payments, { staff: "invoice:read", partner: "own_account:read" })} ${one("payments")}`;
}

function bucketSums(asOf: string) {
  const d = sql`(${asOf}::date - x.due_on)`;
  const inv = sql`x.kind = 'invoice'`;
  return sql`
    coalesce(sum(x.open_fen) filter (where ${inv} and ${d} <= 0), 0)::text as not_due,
    coalesce(sum(x.open_fen) filter (where ${inv} and ${d} between 1 and 30), 0)::text as d0_30,
    coalesce(sum(x.open_fen) filter (where ${inv} and ${d} between 31 and 60), 0)::text as d31_60,
    coalesce(sum(x.open_fen) filter (where ${inv} and ${d} between 61 and 90), 0)::text as d61_90,
    coalesce(sum(x.open_fen) filter (where ${inv} and ${d} > 90), 0)::text as d90_plus,
    coalesce(sum(x.open_fen) filter (where not ${inv}), 0)::text as credit`;
}

type Raw = { id: string; code: string; name: string; not_due: string; d0_30: string; d31_60: string; d61_90: string; d90_plus: string; credit: string; total: number };

function toRow(r: Raw): AgingRow {
  const b = [r.not_due, r.d0_30, r.d31_60, r.d61_90, r.d90_plus].map(BigInt) as [bigint, bigint, bigint, bigint, bigint];
  const creditFen = BigInt(r.credit);
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    notDueFen: b[0],
    d0_30Fen: b[1],
    d31_60Fen: b[2],
    d61_90Fen: b[3],
    d90PlusFen: b[4],
    creditFen,
    balanceFen: b.reduce((s, x) => s + x, 0n) - creditFen,
  };
}

/**
 * Receivables aging as of a date (Asia/Shanghai calendar), per partner or per branch, in one
 * set-based statement over the actor's tenant scope, paginated in SQL.
 */
export async function receivablesAging(ctx: Ctx, query: AgingQuery): Promise<Page<AgingRow> & { asOf: string; totals: AgingRow }> {
  authorize(ctx.actor, ctx.actor.kind === "partner" ? "own_account:read" : "invoice:read");
  return agingFor(ctx.db, ctx.actor, query);
}

async function agingFor(db: DatabaseOrTransaction, actor: Actor, query: AgingQuery) {
  const asOf = query.asOf ?? shanghaiToday();
  const key = query.by === "branch" ? sql`x.owner_branch_id` : sql`x.organization_id`;
  const sort = { balance: sql`balance`, overdue: sql`overdue`, name: sql`o.name` }[query.sort];
  const dir = query.dir === "asc" ? sql`asc` : sql`desc`;
  const search = query.q ? sql`where o.name ilike ${likePattern(query.q)} or o.code ilike ${likePattern(query.q)}` : sql``;
  const items = openItems(actor, asOf);
  const [rows, [all]] = await Promise.all([
    db.execute<Raw>(sql`
      with x as (${items}), g as (
        select ${key} as id, ${bucketSums(asOf)},
               sum(case when x.kind = 'invoice' then x.open_fen else -x.open_fen end) as balance,
               coalesce(sum(x.open_fen) filter (where x.kind = 'invoice' and ${asOf}::date > x.due_on), 0) as overdue
          from x where x.open_fen <> 0 and ${key} is not null group by 1
      )
      select g.*, o.code, o.name, count(*) over ()::int as total
        from g join organizations o on o.id = g.id
        ${search}
       order by ${sort} ${dir}, o.code
       limit ${query.size} offset ${(query.page - 1) * query.size}`),
    db.execute<Raw>(sql`
      with x as (${items})
      select '' as id, '' as code, '' as name, ${bucketSums(asOf)}, 0 as total from x`),
  ]);
  return { rows: rows.map(toRow), total: Number(rows[0]?.total ?? 0), page: query.page, size: query.size, asOf, totals: toRow(all!) };
}

/** One partner's aging as of a date (for its statement), within the actor's scope. */
export async function agingOfPartner(db: DatabaseOrTransaction, actor: Actor, organizationId: string, asOf: string): Promise<AgingRow> {
  const [row] = await db.execute<Raw>(sql`
    with x as (${openItems(actor, asOf, organizationId)})
    select ${organizationId}::text as id, '' as code, '' as name, ${bucketSums(asOf)}, 0 as total from x`);
  return toRow(row!);
}
