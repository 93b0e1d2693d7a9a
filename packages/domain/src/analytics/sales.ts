import { sql, type SQL } from "drizzle-orm";
import { authorize, can } from "../access/authorize";
import type { Actor } from "../access/actor";
import { organizationScope } from "../access/scopes";
import { marginBp } from "../billing/cost";
import type { Ctx } from "../shared/context";
import { parseInput } from "../shared/parse";
import { drillTarget, monthIndex, monthName, salesFilterKeys, salesQuery, salesWindows, type SalesDimension, type SalesQuery } from "./sales-query";

export const SALES_PAGE_SIZE = 50;

/** One figure with what it is compared with: revenue and margin in fen, changes in basis points. */
export type SalesFigures = {
  revenueFen: bigint;
  /** Null unless the actor has cost:view; else margin on the lines whose cost we know. */
  marginFen: bigint | null;
  marginBp: number | null;
  prevYearFen: bigint;
  yoyBp: number | null;
  lastPeriodFen: bigint;
  periodBeforeFen: bigint;
  popBp: number | null;
};
export type SalesRow = SalesFigures & { key: string; code: string | null; nameZh: string | null; nameEn: string | null };
export type SalesPoint = { period: string; revenueFen: bigint; marginFen: bigint | null; prevYearFen: bigint };

/** Organizations in `organizations` (unaliased, the buyer), invoices in `i`, products in `p`, lines in `pl`. */
export function conditions(actor: Actor, q: SalesQuery, w: ReturnType<typeof salesWindows>): SQL {
  const parts: SQL[] = [sql`i.issued_on >= ${w.prevLo}::date and i.issued_on < ${w.hi}::date`, organizationScope(actor)];
  if (actor.divisionIds !== "all" && actor.divisionIds.length > 0) parts.push(sql`pl.division_id = any(${`{${actor.divisionIds.join(",")}}`}::uuid[])`);
  const column: Record<(typeof salesFilterKeys)[number], SQL> = {
    division: sql`pl.division_id`,
    line: sql`p.product_line_id`,
    product: sql`il.product_id`,
    branch: sql`i.owner_branch_id`,
    partner: sql`i.organization_id`,
    region: sql`organizations.region::text`,
    tier: sql`organizations.tier::text`,
  };
  for (const k of salesFilterKeys) {
    const v = q[k];
    if (v) parts.push(k === "region" || k === "tier" ? sql`${column[k]} = ${v}::text` : sql`${column[k]} = ${v}::uuid`);
  }
  return sql.join(parts, sql` and `);
}

const keyOf = (dim: SalesDimension, grain: SalesQuery["grain"]): SQL => {
  switch (dim) {
    case "division":
      return sql`pl.division_id::text`;
    case "line":
      return sql`p.product_line_id::text`;
    case "product":
      return sql`il.product_id::text`;
    case "branch":
      return sql`coalesce(i.owner_branch_id::text, '')`;
    case "region":
      return sql`coalesce(organizations.region::text, '')`;
    case "tier":
      return sql`coalesce(organizations.tier::text, '')`;
    case "partner":
      return sql`i.organization_id::text`;
    case "period":
      return grain === "quarter" ? sql`to_char(date_trunc('quarter', i.issued_on), 'YYYY-MM')` : sql`to_char(i.issued_on, 'YYYY-MM')`;
  }
};

/** Names of a breakdown's keys (joined on `x.key`); region, tier and period are translated by the page. */
const labelsOf = (dim: SalesDimension): { join: SQL; cols: SQL } => {
  const table = { division: "divisions", line: "product_lines", product: "products", branch: "organizations", partner: "organizations" } as const;
  if (dim === "region" || dim === "tier" || dim === "period") return { join: sql``, cols: sql`null::text as code, null::text as name_zh, null::text as name_en` };
  const t = sql.raw(table[dim]);
  const code = dim === "product" ? sql.raw("n.sku") : sql.raw("n.code");
  const names = dim === "branch" || dim === "partner" ? sql`n.name as name_zh, n.name as name_en` : sql`n.name_zh, n.name_en`;
  return { join: sql`left join ${t} n on n.id::text = x.key`, cols: sql`${code} as code, ${names}` };
};

type Raw = { key: string; code: string | null; name_zh: string | null; name_en: string | null; revenue: string; margin: string | null; margin_net: string | null; prev_year: string; last_period: string; period_before: string; total: number };

/**
 * Sales (net of VAT, credit notes subtracted) from the invoice lines, one statement per breakdown:
 * the range, the same range a year earlier and the range's last two periods are read in one pass
 * over the invoices issued from a year before the range to its end (invoices_issued_on_idx), scoped
 * to the actor's branches (and divisions, when the user is given some). Margin only with cost:view.
 */
async function breakdown(ctx: Ctx, q: SalesQuery, dim: SalesDimension, page: { limit: number; offset: number } | null) {
  const w = salesWindows(q);
  // By period every key is its own window: one row per period from a year before the range, each
  // compared in JS with the row a year and a period earlier.
  const windows = dim === "period" ? { ...w, lo: w.prevLo } : w;
  const label = labelsOf(dim);
  const rows = await ctx.db.execute<Raw>(sql`
    with f as (
      select ${keyOf(dim, q.grain)} as key, i.issued_on,
             case when i.kind = 'invoice' then il.net_fen else -il.net_fen end as net,
             case when il.margin_fen is null then null when i.kind = 'invoice' then il.margin_fen else -il.margin_fen end as margin
        from invoices i
        join invoice_lines il on il.invoice_id = i.id
        join products p on p.id = il.product_id
        join product_lines pl on pl.id = p.product_line_id
        join organizations on organizations.id = i.organization_id
       where ${conditions(ctx.actor, q, w)}
    ), x as (
      select key,
             coalesce(sum(net) filter (where issued_on >= ${windows.lo}::date), 0) as revenue,
             sum(margin) filter (where issued_on >= ${windows.lo}::date) as margin,
             sum(net) filter (where issued_on >= ${windows.lo}::date and margin is not null) as margin_net,
             coalesce(sum(net) filter (where issued_on >= ${w.prevLo}::date and issued_on < ${w.prevHi}::date), 0) as prev_year,
             coalesce(sum(net) filter (where issued_on >= ${w.lastLo}::date), 0) as last_period,
             coalesce(sum(net) filter (where issued_on >= ${w.beforeLo}::date and issued_on < ${w.lastLo}::date), 0) as period_before
        from f
       group by key
    )
    select x.key, ${label.cols}, x.revenue::text, x.margin::text, x.margin_net::text, x.prev_year::text, x.last_period::text, x.period_before::text,
           count(*) over ()::int as total
      from x ${label.join}
     order by ${dim === "period" ? sql`x.key` : sql`x.revenue desc, x.key`}
     ${page && dim !== "period" ? sql`limit ${page.limit} offset ${page.offset}` : sql``}`);
  const cost = ctx.actor.kind === "staff" && can(ctx.actor, "cost:view");
  const mapped = rows.map((r): SalesRow => {
      const revenueFen = BigInt(r.revenue);
      const prevYearFen = BigInt(r.prev_year);
      const lastPeriodFen = BigInt(r.last_period);
      const periodBeforeFen = BigInt(r.period_before);
      const marginFen = cost && r.margin !== null ? BigInt(r.margin) : null;
      return {
        key: r.key,
        code: r.code,
        nameZh: r.name_zh,
        nameEn: r.name_en,
        revenueFen,
        marginFen,
        marginBp: marginFen === null || r.margin_net === null ? null : marginBp(marginFen, BigInt(r.margin_net)),
        prevYearFen,
        yoyBp: changeBp(revenueFen, prevYearFen),
        lastPeriodFen,
        periodBeforeFen,
        popBp: changeBp(lastPeriodFen, periodBeforeFen),
      };
  });
  return dim === "period" ? byPeriod(mapped, q) : { total: rows[0]?.total ?? 0, rows: mapped };
}

/** Every period of the range (empty ones too), each with the period a year and one period earlier. */
function byPeriod(all: SalesRow[], q: SalesQuery) {
  const step = q.grain === "quarter" ? 3 : 1;
  const w = salesWindows(q);
  const found = new Map(all.map((r) => [r.key, r]));
  const rows: SalesRow[] = [];
  for (let m = monthIndex(w.lo.slice(0, 7)); m < monthIndex(w.hi.slice(0, 7)); m += step) {
    const key = monthName(m);
    const r = found.get(key);
    const revenueFen = r?.revenueFen ?? 0n;
    const prevYearFen = found.get(monthName(m - 12))?.revenueFen ?? 0n;
    const periodBeforeFen = found.get(monthName(m - step))?.revenueFen ?? 0n;
    rows.push({
      key, code: null, nameZh: null, nameEn: null, revenueFen, marginFen: r?.marginFen ?? null, marginBp: r?.marginBp ?? null,
      prevYearFen, yoyBp: changeBp(revenueFen, prevYearFen), lastPeriodFen: revenueFen, periodBeforeFen, popBp: changeBp(revenueFen, periodBeforeFen),
    });
  }
  return { total: rows.length, rows };
}

/** The change from `before` to `now` in basis points of `before`, half up; null when there was nothing before. */
export function changeBp(now: bigint, before: bigint): number | null {
  if (before <= 0n) return null;
  return marginBp(now - before, before);
}

/**
 * The sales analysis page: the breakdown by the chosen dimension (a page of rows, largest first; the
 * period breakdown in time order), the series by period for the chart, and the totals.
 */
export async function salesAnalysis(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "analytics:read");
  const q = parseInput(salesQuery, raw);
  const [table, series] = await Promise.all([
    breakdown(ctx, q, q.dim, { limit: SALES_PAGE_SIZE, offset: (q.page - 1) * SALES_PAGE_SIZE }),
    q.dim === "period" ? null : breakdown(ctx, q, "period", null),
  ]);
  const points = (series ?? table).rows;
  const cost = ctx.actor.kind === "staff" && can(ctx.actor, "cost:view");
  return {
    query: q,
    drill: drillTarget(q.dim),
    mayViewCost: cost,
    // the period breakdown comes whole (the chart needs every period): the table shows its page
    rows: q.dim === "period" ? table.rows.slice((q.page - 1) * SALES_PAGE_SIZE, q.page * SALES_PAGE_SIZE) : table.rows,
    total: table.total,
    series: points.map((r): SalesPoint => ({ period: r.key, revenueFen: r.revenueFen, marginFen: r.marginFen, prevYearFen: r.prevYearFen })),
    totals: totalsOf(points, cost),
  };
}
/** Every row of the breakdown (up to 10,000, largest first) for the XLSX export. */
export async function salesExport(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "analytics:read");
  const q = parseInput(salesQuery, raw);
  const table = await breakdown(ctx, q, q.dim, { limit: 10_000, offset: 0 });
  return { query: q, rows: table.rows, mayViewCost: ctx.actor.kind === "staff" && can(ctx.actor, "cost:view") };
}

function totalsOf(points: SalesRow[], cost: boolean) {
  const sum = (f: (r: SalesRow) => bigint) => points.reduce((s, r) => s + f(r), 0n);
  const revenueFen = sum((r) => r.revenueFen);
  const prevYearFen = sum((r) => r.prevYearFen);
  const marginFen = cost ? sum((r) => r.marginFen ?? 0n) : null;
  return { revenueFen, prevYearFen, yoyBp: changeBp(revenueFen, prevYearFen), marginFen, marginBp: marginFen === null ? null : marginBp(marginFen, revenueFen) };
}

export type SalesAnalysis = Awaited<ReturnType<typeof salesAnalysis>>;
