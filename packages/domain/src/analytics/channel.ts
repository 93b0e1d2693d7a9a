import { sql } from "drizzle-orm";
import { z } from "zod";
import { ALL_DIVISIONS } from "@cs/db";
import { partnerTiers, regions } from "@cs/db/schema/enums";
import { authorize } from "../access/authorize";
import { channelPartnerScope } from "../channel/scope";
import type { Ctx } from "../shared/context";
import { shanghaiMonth, shanghaiToday } from "../shared/dates";
import { isUuid, parseInput } from "../shared/parse";
import { blankToUndefined } from "../validation/fields";
import { changeBp } from "./sales";
import { MAX_MONTHS, monthIndex, monthName } from "./sales-query";
import { marginBp } from "../billing/cost";

const month = z.preprocess(blankToUndefined, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "analytics.errors.month").optional());

export const channelAnalysisQuery = z
  .object({
    from: month,
    to: month,
    top: z.preprocess(blankToUndefined, z.enum(["5", "10", "20"], { error: "analytics.errors.filter" }).default("10")),
    branch: z.preprocess(blankToUndefined, z.string().refine(isUuid, "analytics.errors.filter").optional()),
    division: z.preprocess(blankToUndefined, z.string().refine(isUuid, "analytics.errors.filter").optional()),
    region: z.preprocess(blankToUndefined, z.enum(regions, { error: "analytics.errors.filter" }).optional()),
    tier: z.preprocess(blankToUndefined, z.enum(partnerTiers, { error: "analytics.errors.filter" }).optional()),
  })
  .transform((q, ctx) => {
    const to = q.to ?? shanghaiMonth();
    const from = q.from ?? monthName(monthIndex(to) - 11);
    if (from > to) ctx.addIssue({ code: "custom", path: ["from"], message: "analytics.errors.reversed" });
    else if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS) ctx.addIssue({ code: "custom", path: ["from"], message: "analytics.errors.tooLong" });
    return { ...q, from, to, top: Number(q.top) };
  });
export type ChannelAnalysisQuery = z.output<typeof channelAnalysisQuery>;

/** Falling: the last three months at most this share (bp) of the three before. Dormant: no purchase for this many months. */
export const FALLING_BP = 7000;
export const DORMANT_MONTHS = 3;

type PartnerRaw = { id: string; code: string; name: string; kind: string; tier: string | null; net: string; prev_year: string; recent: string; before: string; last_month: string | null; overdue: string; overdue_days: number | null };

export type ChannelPartner = {
  id: string;
  code: string;
  name: string;
  kind: string;
  tier: string | null;
  netFen: bigint;
  prevYearFen: bigint;
  yoyBp: number | null;
  /** Net purchases in the range's last three months and the three before them. */
  recentFen: bigint;
  beforeFen: bigint;
  lastPurchaseMonth: string | null;
  overdueFen: bigint;
  overdueDays: number | null;
  risks: ("falling" | "overdue" | "dormant")[];
};

/**
 * The channel analysis: each level of the tree (partner kind: master distributor, agent, dealer, key
 * account) with its contribution and growth, how concentrated purchases are in the top N partners,
 * and the partners at risk — purchases falling (the last three months of the range at most 70% of the
 * three before), payments overdue (open invoices past due today), or dormant (nothing bought in the
 * range's last three months after buying in the year before). Net purchases (incl. VAT, less returns)
 * come from the partner_month_stats rollup the scorecard reads (decision 013), so the page reads one
 * row per partner and month, never the invoice lines.
 */
export async function channelAnalysis(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "analytics:read");
  const q = parseInput(channelAnalysisQuery, raw);
  const lo = `${q.from}-01`;
  const end = monthIndex(q.to) + 1;
  const hi = `${monthName(end)}-01`;
  const recentLo = `${monthName(end - DORMANT_MONTHS)}-01`;
  const beforeLo = `${monthName(end - 2 * DORMANT_MONTHS)}-01`;
  const prevLo = `${monthName(monthIndex(q.from) - 12)}-01`;
  const prevHi = `${monthName(end - 12)}-01`;
  const readFrom = prevLo < beforeLo ? prevLo : beforeLo;
  const division = q.division ?? ALL_DIVISIONS;
  const filters = [
    q.branch ? sql`and organizations.owner_branch_id = ${q.branch}::uuid` : sql``,
    q.region ? sql`and organizations.region::text = ${q.region}::text` : sql``,
    q.tier ? sql`and organizations.tier::text = ${q.tier}::text` : sql``,
  ];
  const rows = await ctx.db.execute<PartnerRaw>(sql`
    with s as (
      select s.organization_id, s.month, s.purchases_fen - s.returns_fen as net
        from partner_month_stats s
       where s.division_id = ${division}::uuid and s.month >= ${readFrom}::date and s.month < ${hi}::date
    ), p as (
      select organization_id,
             coalesce(sum(net) filter (where month >= ${lo}::date), 0) as net,
             coalesce(sum(net) filter (where month >= ${prevLo}::date and month < ${prevHi}::date), 0) as prev_year,
             coalesce(sum(net) filter (where month >= ${recentLo}::date), 0) as recent,
             coalesce(sum(net) filter (where month >= ${beforeLo}::date and month < ${recentLo}::date), 0) as before,
             to_char(max(month) filter (where net > 0), 'YYYY-MM') as last_month
        from s group by organization_id
    ), o as (
      select i.organization_id, sum(i.total_fen - i.settled_fen) as overdue, max(${shanghaiToday()}::date - i.due_on) as overdue_days
        from invoices i
       where i.kind = 'invoice' and i.settled_fen < i.total_fen and i.due_on < ${shanghaiToday()}::date
       group by i.organization_id
    )
    select organizations.id, organizations.code, organizations.name, organizations.kind::text as kind, organizations.tier::text as tier,
           coalesce(p.net, 0)::text as net, coalesce(p.prev_year, 0)::text as prev_year, coalesce(p.recent, 0)::text as recent,
           coalesce(p.before, 0)::text as before, p.last_month, coalesce(o.overdue, 0)::text as overdue, o.overdue_days
      from organizations
      left join p on p.organization_id = organizations.id
      left join o on o.organization_id = organizations.id
     where ${channelPartnerScope(ctx.actor)} ${filters[0]} ${filters[1]} ${filters[2]}
       and (p.organization_id is not null or o.organization_id is not null)`);
  const partners = rows.map((r): ChannelPartner => {
    const netFen = BigInt(r.net);
    const prevYearFen = BigInt(r.prev_year);
    const recentFen = BigInt(r.recent);
    const beforeFen = BigInt(r.before);
    const overdueFen = BigInt(r.overdue);
    const risks: ChannelPartner["risks"] = [];
    if (beforeFen > 0n && recentFen > 0n && recentFen * 10_000n <= beforeFen * BigInt(FALLING_BP)) risks.push("falling");
    if (overdueFen > 0n) risks.push("overdue");
    if (recentFen <= 0n && (beforeFen > 0n || prevYearFen > 0n || netFen > 0n)) risks.push("dormant");
    return { id: r.id, code: r.code, name: r.name, kind: r.kind, tier: r.tier, netFen, prevYearFen, yoyBp: changeBp(netFen, prevYearFen), recentFen, beforeFen, lastPurchaseMonth: r.last_month, overdueFen, overdueDays: r.overdue_days === null ? null : Number(r.overdue_days), risks };
  });
  const total = partners.reduce((s, p) => s + p.netFen, 0n);
  const prevTotal = partners.reduce((s, p) => s + p.prevYearFen, 0n);
  const levels = new Map<string, { netFen: bigint; prevYearFen: bigint; partners: number }>();
  for (const p of partners) {
    const l = levels.get(p.kind) ?? { netFen: 0n, prevYearFen: 0n, partners: 0 };
    l.netFen += p.netFen;
    l.prevYearFen += p.prevYearFen;
    if (p.netFen > 0n) l.partners += 1;
    levels.set(p.kind, l);
  }
  const ranked = [...partners].filter((p) => p.netFen > 0n).sort((a, b) => (a.netFen === b.netFen ? a.code.localeCompare(b.code) : a.netFen > b.netFen ? -1 : 1));
  const shareOf = (n: number) => (total > 0n ? marginBp(ranked.slice(0, n).reduce((s, p) => s + p.netFen, 0n), total) : null);
  return {
    query: q,
    totals: { netFen: total, prevYearFen: prevTotal, yoyBp: changeBp(total, prevTotal), buying: ranked.length },
    levels: [...levels.entries()]
      .map(([kind, l]) => ({ kind, ...l, shareBp: total > 0n ? marginBp(l.netFen, total) : null, yoyBp: changeBp(l.netFen, l.prevYearFen) }))
      .sort((a, b) => (a.netFen > b.netFen ? -1 : a.netFen < b.netFen ? 1 : 0)),
    concentration: { top: q.top, shareBp: shareOf(q.top), top5Bp: shareOf(5), top10Bp: shareOf(10), top20Bp: shareOf(20), partners: ranked.slice(0, q.top) },
    atRisk: partners
      .filter((p) => p.risks.length > 0)
      .sort((a, b) => b.risks.length - a.risks.length || (a.overdueFen > b.overdueFen ? -1 : a.overdueFen < b.overdueFen ? 1 : a.code.localeCompare(b.code)))
      .slice(0, 200),
  };
}
export type ChannelAnalysis = Awaited<ReturnType<typeof channelAnalysis>>;
