import { partnerScorecard, scorecardQuery, type ScorecardRow } from "@cs/domain";
import { csvResponse, xlsxResponse, domainCtx, searchParamsObject, serverT, guarded } from "@cs/web/server";
import type { Route } from "./+types/scorecard-export";
import { fenToYuan } from "@cs/domain/shared/money";

const pct = (bp: number | null) => (bp === null ? "" : `${(bp / 100).toFixed(2)}%`);

/** The whole filtered scorecard (every page) as CSV or XLSX, amounts in yuan with two decimals. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const t = serverT(context);
  const params = searchParamsObject(request);
  const query = { ...scorecardQuery.parse(params), page: 1, size: 100 };
  const cols = ["partner", "branch", "tier", "net", "payments", "onTime", "confirmation", "target", "completion", "tierRank", "branchRank"] as const;
  const header = [t("org.fields.code"), ...cols.map((c) => t(`channel.scorecard.columns.${c}`))];
  const line = (r: ScorecardRow) => [r.code, r.name, r.branchName ?? "", r.tier ? t(`org.tiers.${r.tier}`) : "", fenToYuan(r.netFen), fenToYuan(r.paymentsFen), pct(r.onTimeBp), pct(r.confirmationBp), r.targetFen === null ? "" : fenToYuan(r.targetFen), pct(r.completionBp), r.tierRank === null ? "" : String(r.tierRank), r.branchRank === null ? "" : String(r.branchRank)];
  const rows: string[][] = [];
  for (let n = 1; ; n++) {
    const page = await partnerScorecard(ctx, { ...query, page: n });
    rows.push(...page.rows.map(line));
    if (n * query.size >= page.total) break;
  }
  const name = `scorecard-${query.periodKind}-${query.periodStart}`;
  if (params.format === "xlsx") return xlsxResponse(name, t("channel.tabs.scorecard"), header, rows);
  return csvResponse(name, header, rows);
});
