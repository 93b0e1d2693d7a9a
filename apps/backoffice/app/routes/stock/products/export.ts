import { can, exportStockByProduct, stockByProductQuery } from "@cs/domain";
import { getLocale } from "@cs/i18n/server";
import { csvResponse, domainCtx, searchParamsObject, serverT, guarded } from "@cs/web/server";
import type { Route } from "./+types/export";
import { localName } from "@cs/i18n";
import { fenToYuan } from "@cs/domain/shared/money";

/** Every product matching the overview's filters, not just the page on screen. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const t = serverT(context);
  const query = stockByProductQuery.parse(searchParamsObject(request));
  // the cost columns only for staff who may see cost (the domain leaves them empty for anyone else)
  const cost = ctx.actor.kind === "staff" && can(ctx.actor, "cost:view");
  const header = ["sku", "product", "line", "division", "unit", "onHand", "reserved", "available", "held", ...(cost ? ["averageCost", "value"] : [])].map((k) =>
    t(`stock.fields.${k}`),
  );
  const zh = getLocale(context) === "zh-CN";
  const chunks: ReturnType<typeof exportStockByProduct> = exportStockByProduct(ctx, query);
  async function* rows() {
    for await (const chunk of chunks) {
      for (const r of chunk) {
        yield [
          r.sku,
          localName(zh, r.nameZh, r.nameEn),
          localName(zh, r.lineZh, r.lineEn),
          localName(zh, r.divisionZh, r.divisionEn),
          t(`product.units.${r.unit}`, { defaultValue: r.unit }),
          String(r.onHand),
          String(r.reserved),
          String(r.available),
          String(r.held),
          ...(cost ? [fenToYuan(r.averageCostFen ?? 0n), fenToYuan(r.valueFen ?? 0n)] : []),
        ];
      }
    }
  }
  return csvResponse("stock", header, rows());
});
