import { campaignRoiExport } from "@cs/domain";
import { fenToYuan } from "@cs/domain/shared/money";
import { csvResponse, domainCtx, guarded, searchParamsObject, serverT, xlsxResponse } from "@cs/web/server";
import type { Route } from "./+types/campaigns-roi-export";

const pct = (bp: number | null) => (bp === null ? "" : `${(bp / 100).toFixed(2)}%`);

/** The campaign ROI list under its filters as XLSX (default) or CSV (`format=csv`), amounts in yuan. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const t = serverT(context);
  const params = searchParamsObject(request);
  const { query, rows } = await campaignRoiExport(domainCtx(context, request), params);
  const header = ["campaign", "leads", "deals", "ordersWon", "revenue", "margin", "spend", "claims", "cost", "roi"].map((c) => t(`marketing.roi.columns.${c}`));
  const body = rows.map((r) => [
    `${r.number} ${r.name}`,
    r.leads,
    r.deals,
    r.ordersWon,
    fenToYuan(r.revenueFen),
    fenToYuan(r.marginFen),
    fenToYuan(r.spendFen),
    fenToYuan(r.claimsFen),
    fenToYuan(r.costFen),
    r.roiBp === null ? t("marketing.roi.noCost") : pct(r.roiBp),
  ]);
  const name = `campaign-roi-${query.quarter}`;
  return params.format === "csv" ? csvResponse(name, header, body) : xlsxResponse(name, t("marketing.roi.listTitle"), header, body);
});
