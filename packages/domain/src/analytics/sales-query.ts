import { z } from "zod";
import { partnerTiers, regions } from "@cs/db/schema/enums";
import { shanghaiMonth } from "../shared/dates";
import { isUuid } from "../shared/parse";
import { blankToUndefined, strictNumber } from "../validation/fields";

/** What sales can be broken down by (docs/decisions/033). */
export const salesDimensions = ["division", "line", "product", "branch", "region", "tier", "partner", "period"] as const;
export type SalesDimension = (typeof salesDimensions)[number];
export const salesGrains = ["month", "quarter"] as const;
export type SalesGrain = (typeof salesGrains)[number];

/** The longest range one analysis may cover: five years of months. */
export const MAX_MONTHS = 60;

const month = z.preprocess(blankToUndefined, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "analytics.errors.month").optional());
const id = z.preprocess(blankToUndefined, z.string().refine(isUuid, "analytics.errors.filter").optional());

export const salesQuery = z
  .object({
    dim: z.preprocess(blankToUndefined, z.enum(salesDimensions, { error: "analytics.errors.dimension" }).default("division")),
    grain: z.preprocess(blankToUndefined, z.enum(salesGrains, { error: "analytics.errors.grain" }).default("month")),
    from: month,
    to: month,
    division: id,
    line: id,
    product: id,
    branch: id,
    partner: id,
    region: z.preprocess(blankToUndefined, z.enum(regions, { error: "analytics.errors.filter" }).optional()),
    tier: z.preprocess(blankToUndefined, z.enum(partnerTiers, { error: "analytics.errors.filter" }).optional()),
    page: z.preprocess(blankToUndefined, strictNumber(z.number({ error: "analytics.errors.filter" }).int("analytics.errors.filter").min(1, "analytics.errors.filter").max(10_000, "analytics.errors.filter")).default(1)),
  })
  .transform((q, ctx) => {
    const to = q.to ?? shanghaiMonth();
    const from = q.from ?? monthName(monthIndex(to) - 11);
    if (from > to) ctx.addIssue({ code: "custom", path: ["from"], message: "analytics.errors.reversed" });
    else if (monthIndex(to) - monthIndex(from) + 1 > MAX_MONTHS) ctx.addIssue({ code: "custom", path: ["from"], message: "analytics.errors.tooLong" });
    return { ...q, from, to };
  });
export type SalesQuery = z.output<typeof salesQuery>;
export type SalesFilterKey = "division" | "line" | "product" | "branch" | "partner" | "region" | "tier";
export const salesFilterKeys: readonly SalesFilterKey[] = ["division", "line", "product", "branch", "region", "tier", "partner"];

/** Months as one integer (year × 12 + month − 1), so month arithmetic is addition. */
export const monthIndex = (ym: string) => Number(ym.slice(0, 4)) * 12 + Number(ym.slice(5, 7)) - 1;
export const monthName = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, "0")}`;
const day = (i: number) => `${monthName(i)}-01`;

/**
 * The date windows one analysis reads (half-open, [lo, hi)): the range widened to whole quarters on
 * the quarter grain, the same range a year earlier (YoY), and the range's last period with the
 * period before it (MoM, or QoQ on the quarter grain).
 */
export function salesWindows(q: Pick<SalesQuery, "from" | "to" | "grain">) {
  const step = q.grain === "quarter" ? 3 : 1;
  const first = q.grain === "quarter" ? monthIndex(q.from) - (monthIndex(q.from) % 3) : monthIndex(q.from);
  const end = (q.grain === "quarter" ? monthIndex(q.to) - (monthIndex(q.to) % 3) : monthIndex(q.to)) + step;
  return {
    lo: day(first),
    hi: day(end),
    prevLo: day(first - 12),
    prevHi: day(end - 12),
    lastLo: day(end - step),
    beforeLo: day(end - 2 * step),
  };
}

/** Where a row of one breakdown drills to: the next dimension down, or the invoice lines behind it. */
export function drillTarget(dim: SalesDimension): SalesDimension | "lines" {
  switch (dim) {
    case "division":
      return "line";
    case "line":
      return "product";
    case "branch":
    case "region":
    case "tier":
      return "partner";
    case "product":
    case "partner":
    case "period":
      return "lines";
  }
}

