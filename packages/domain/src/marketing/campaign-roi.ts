import { sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { campaignStatuses, type CampaignStatus } from "@cs/db";
import { authorize } from "../access/authorize";
import type { Ctx } from "../shared/context";
import { shanghaiToday } from "../shared/dates";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";
import { quarterBounds, quarterOf } from "./quarter";
import { campaignScope } from "./scope";

export const campaignRoiSortKeys = ["roi", "revenueFen", "marginFen", "costFen", "leads", "startsOn", "number"] as const;

export const campaignRoiQuery = listQuerySchema(campaignRoiSortKeys, "roi").extend({
  dir: z.enum(["asc", "desc"]).catch("desc"),
  quarter: z
    .string()
    .regex(/^\d{4}-Q[1-4]$/)
    .catch(() => quarterOf(shanghaiToday())),
  status: z.enum(campaignStatuses).optional().catch(undefined),
  branch: z.uuid().optional().catch(undefined),
});
export type CampaignRoiQuery = z.output<typeof campaignRoiQuery>;

/**
 * A campaign's return (docs/decisions/027): leads it brought, deal registrations they converted to,
 * orders of those registrations that were invoiced (won), revenue = net (ex-VAT) of their invoice
 * lines less their credit notes' lines, gross margin likewise, cost = spend + approved fund claims
 * of applications naming it, ROI = (margin − cost) ÷ cost in basis points (null without cost).
 */
export type CampaignRoi = {
  id: string;
  number: string;
  name: string;
  status: CampaignStatus;
  branch: string;
  startsOn: string;
  endsOn: string;
  leads: number;
  deals: number;
  ordersWon: number;
  revenueFen: bigint;
  marginFen: bigint;
  spendFen: bigint;
  claimsFen: bigint;
  costFen: bigint;
  roiBp: number | null;
};

type RawRoi = Omit<CampaignRoi, "revenueFen" | "marginFen" | "spendFen" | "claimsFen" | "costFen" | "roiBp"> & {
  revenueFen: string;
  marginFen: string;
  spendFen: string;
  claimsFen: string;
  costFen: string;
  roiBp: string | null;
};

const sortSql: Record<(typeof campaignRoiSortKeys)[number], SQL> = {
  roi: sql`r.roi_bp`,
  revenueFen: sql`r.revenue`,
  marginFen: sql`r.margin`,
  costFen: sql`r.cost`,
  leads: sql`r.leads`,
  startsOn: sql`r.starts_on`,
  number: sql`r.number`,
};

/**
 * The figures of the campaigns matching `where`, set-based: per campaign one lateral look-up each of
 * its leads, of the invoices (and credit notes) of orders under the registrations its leads became,
 * and of its approved claims — so a page costs its own campaigns' rows, not the invoice table. Sorted
 * on the numbers themselves; money leaves as text for BigInt.
 */
function roiStatement(where: SQL, order: SQL, limit: number, offset: number): SQL {
  return sql`
    select r.id, r.number, r.name, r.status, r.branch, r.starts_on::text as "startsOn", r.ends_on::text as "endsOn",
           r.leads, r.deals, r.orders_won as "ordersWon", r.revenue::text as "revenueFen", r.margin::text as "marginFen",
           r.spend::text as "spendFen", r.claims::text as "claimsFen", r.cost::text as "costFen", r.roi_bp::text as "roiBp"
      from (
        select campaigns.id, campaigns.number, campaigns.name, campaigns.status, b.name as branch, campaigns.starts_on, campaigns.ends_on,
               ld.leads, ld.deals, a.orders_won, a.revenue, a.margin, campaigns.spent_fen as spend, f.claims, campaigns.spent_fen + f.claims as cost,
               case when campaigns.spent_fen + f.claims > 0
                    then round((a.margin - campaigns.spent_fen - f.claims) * 10000.0 / (campaigns.spent_fen + f.claims))::bigint end as roi_bp
          from campaigns
          join organizations b on b.id = campaigns.branch_id
          cross join lateral (
            select count(*)::int as leads, count(distinct l.deal_registration_id)::int as deals from leads l where l.campaign_id = campaigns.id) ld
          cross join lateral (
            select count(distinct i.order_id) filter (where i.kind = 'invoice')::int as orders_won,
                   coalesce(sum(case when i.kind = 'invoice' then x.net else -x.net end), 0)::bigint as revenue,
                   coalesce(sum(case when i.kind = 'invoice' then x.margin else -x.margin end), 0)::bigint as margin
              from orders o
              join invoices i on i.order_id = o.id
              cross join lateral (
                select sum(il.net_fen) as net, sum(coalesce(il.margin_fen, 0)) as margin from invoice_lines il where il.invoice_id = i.id) x
             where o.deal_registration_id in (
               select l.deal_registration_id from leads l where l.campaign_id = campaigns.id and l.deal_registration_id is not null)) a
          cross join lateral (
            select coalesce(sum(fc.approved_fen), 0)::bigint as claims
              from fund_applications fa join fund_claims fc on fc.application_id = fa.id and fc.status = 'approved'
             where fa.campaign_id = campaigns.id) f
         where ${where}) r
     order by ${order}
     limit ${limit} offset ${offset}`;
}

const toRoi = (r: RawRoi): CampaignRoi => ({
  ...r,
  revenueFen: BigInt(r.revenueFen),
  marginFen: BigInt(r.marginFen),
  spendFen: BigInt(r.spendFen),
  claimsFen: BigInt(r.claimsFen),
  costFen: BigInt(r.costFen),
  roiBp: r.roiBp === null ? null : Number(r.roiBp),
});

/** The campaigns running in a quarter (any day of it) that this actor may see, with their return; sorted and paged in SQL. */
export async function listCampaignRoi(ctx: Ctx, query: CampaignRoiQuery): Promise<Page<CampaignRoi>> {
  authorize(ctx.actor, "marketing:read");
  const { from, to } = quarterBounds(query.quarter);
  const where = sql.join(
    [
      campaignScope(ctx.actor),
      sql`campaigns.starts_on <= ${to}::date and campaigns.ends_on >= ${from}::date`,
      query.status ? sql`campaigns.status = ${query.status}` : undefined,
      query.branch ? sql`campaigns.branch_id = ${query.branch}::uuid` : undefined,
      query.q ? sql`(campaigns.number ilike ${likePattern(query.q)} or campaigns.name ilike ${likePattern(query.q)})` : undefined,
    ].filter((s): s is SQL => s !== undefined),
    sql` and `,
  );
  const dir = query.dir === "desc" ? sql`desc nulls last` : sql`asc nulls first`;
  const [rows, [total]] = await Promise.all([
    ctx.db.execute<RawRoi>(roiStatement(where, sql`${sortSql[query.sort]} ${dir}, r.number desc`, query.size, (query.page - 1) * query.size)),
    ctx.db.execute<{ n: number }>(sql`select count(*)::int as n from campaigns where ${where}`),
  ]);
  return { rows: rows.map(toRoi), total: total?.n ?? 0, page: query.page, size: query.size };
}

/** One campaign's return, for its page. */
export async function getCampaignRoi(ctx: Ctx, campaignId: string): Promise<CampaignRoi> {
  authorize(ctx.actor, "marketing:read");
  if (!isUuid(campaignId)) throw new NotFoundError("campaign");
  const [row] = await ctx.db.execute<RawRoi>(roiStatement(sql`campaigns.id = ${campaignId}::uuid and ${campaignScope(ctx.actor)}`, sql`r.id`, 1, 0));
  if (!row) throw new NotFoundError("campaign");
  return toRoi(row);
}

/** Every campaign of the ROI list's filters (up to 10,000, in the list's order) for the XLSX/CSV export. */
export async function campaignRoiExport(ctx: Ctx, raw: unknown) {
  const query = campaignRoiQuery.parse(raw);
  const page = await listCampaignRoi(ctx, { ...query, page: 1, size: 10_000 });
  return { query, rows: page.rows };
}
