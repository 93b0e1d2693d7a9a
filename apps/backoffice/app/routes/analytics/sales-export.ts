import { salesExport, type SalesRow } from "@cs/domain";
import { fenToYuan } from "@cs/domain/shared/money";
import { localName } from "@cs/i18n";
import { getLocale } from "@cs/i18n/server";
import { domainCtx, guarded, searchParamsObject, serverT, xlsxResponse } from "@cs/web/server";
import type { Route } from "./+types/sales-export";

const pct = (bp: number | null) => (bp === null ? "" : `${(bp / 100).toFixed(2)}%`);

/** The whole breakdown of the sales analysis (up to 10,000 rows) as XLSX, amounts in yuan. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const t = serverT(context);
  const data = await salesExport(domainCtx(context, request), searchParamsObject(request));
  const { query: q, rows, mayViewCost } = data;
  const zh = getLocale(context) === "zh-CN";
  const name = (r: SalesRow) =>
    !r.key ? t("analytics.none") : q.dim === "region" ? t(`org.regions.${r.key}`) : q.dim === "tier" ? t(`org.tiers.${r.key}`) : q.dim === "period" ? r.key : localName(zh, r.nameZh ?? "", r.nameEn ?? "");
  const header = [
    t("analytics.cols.code"),
    t(`analytics.dims.${q.dim}`),
    t("analytics.cols.revenue"),
    t("analytics.cols.prevYear"),
    t("analytics.cols.yoy"),
    t(`analytics.cols.last.${q.grain}`),
    t(`analytics.cols.pop.${q.grain}`),
    ...(mayViewCost ? [t("analytics.cols.margin"), t("analytics.cols.marginPct")] : []),
  ];
  const body = rows.map((r) => [
    r.code ?? "",
    name(r),
    fenToYuan(r.revenueFen),
    fenToYuan(r.prevYearFen),
    pct(r.yoyBp),
    fenToYuan(r.lastPeriodFen),
    pct(r.popBp),
    ...(mayViewCost ? [r.marginFen === null ? "" : fenToYuan(r.marginFen), pct(r.marginBp)] : []),
  ]);
  return xlsxResponse(`sales-${q.dim}-${q.from}-${q.to}`, t("analytics.sales.title"), header, body);
});
