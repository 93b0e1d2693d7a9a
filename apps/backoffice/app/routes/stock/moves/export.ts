import { exportMoves, moveListQuery, shanghaiDateTime } from "@cs/domain";
import { getLocale } from "@cs/i18n/server";
import { csvResponse, domainCtx, searchParamsObject, serverT, guarded } from "@cs/web/server";
import type { Route } from "./+types/export";
import { localName } from "@cs/i18n";

/** The whole ledger matching the filters (not just the page on screen), streamed newest first. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const t = serverT(context);
  const zh = getLocale(context) === "zh-CN";
  const query = moveListQuery.parse(searchParamsObject(request, ["reason"]));
  const header = ["time", "sku", "product", "quantity", "from", "to", "owner", "reason", "reference", "actor"].map((k) => t(`stock.fields.${k}`));
  const chunks: ReturnType<typeof exportMoves> = exportMoves(ctx, query);
  async function* rows() {
    for await (const chunk of chunks) {
      for (const r of chunk) {
        yield [
          shanghaiDateTime(r.createdAt),
          r.sku,
          localName(zh, r.nameZh, r.nameEn),
          String(r.quantity),
          r.fromCode,
          r.toCode,
          r.ownerName ?? t("stock.ourStock"),
          t(`stock.reasons.${r.reason}`),
          `${r.referenceType}:${r.referenceId}`,
          r.actorName ?? "",
        ];
      }
    }
  }
  return csvResponse("stock-moves", header, rows());
});

