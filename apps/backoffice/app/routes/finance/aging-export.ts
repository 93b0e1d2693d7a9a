import { agingQuery, fenToYuan, receivablesAging } from "@cs/domain";
import { csvResponse, domainCtx, searchParamsObject, serverT, guarded } from "@cs/web/server";
import type { Route } from "./+types/aging-export";


/** The whole aging (every page) as CSV, amounts in yuan with two decimals. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const t = serverT(context);
  const query = { ...agingQuery.parse(searchParamsObject(request)), page: 1, size: 100 };
  const header = [t("billing.fields.code"), t("billing.fields.name"), ...["notDue", "d0_30", "d31_60", "d61_90", "d90Plus", "credit", "balance"].map((k) => t(`billing.aging.${k}`))];
  const first: Awaited<ReturnType<typeof receivablesAging>> = await receivablesAging(ctx, query);
  async function* rows() {
    let page = first;
    for (let n = 1; ; n++) {
      for (const r of page.rows) yield [r.code, r.name, ...[r.notDueFen, r.d0_30Fen, r.d31_60Fen, r.d61_90Fen, r.d90PlusFen, r.creditFen, r.balanceFen].map(fenToYuan)];
      if (n * query.size >= page.total) return;
      page = await receivablesAging(ctx, { ...query, page: n + 1 });
    }
  }
  return csvResponse(`aging-${query.by}-${first.asOf}`, header, rows());
});
