import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { getMyDocument } from "@cs/domain";
import { Alert, Card, PageHeader, formatDate, formatDateTime, formatNumber } from "@cs/ui";
import { domainCtx, loaderError } from "@cs/web/server";
import type { Route } from "./+types/sell-out-report";
import { StatusBadge } from "./document-columns";
import { StockTabs } from "./tabs";

/** One of the partner's sell-out reports; another partner's id answers 404. */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    return await getMyDocument(domainCtx(context, request), "sell_out", params.id);
  } catch (error) {
    loaderError(error);
  }
}

export default function SellOutReport({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const zh = i18n.language === "zh-CN";
  const { document: doc, lines } = loaderData;
  return (
    <>
      <PageHeader title={t("myStock.title")} />
      <StockTabs />
      <div className="space-y-4">
        {params.get("done") === "submitted" ? <Alert tone="success">{t("myStock.sellOut.submitted")}</Alert> : null}
        <Card
          title={
            <span className="flex items-center gap-2">
              {t("myStock.sellOut.detail", { number: doc.number })} <StatusBadge kind="sellOut" status={doc.status} />
            </span>
          }
        >
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">{t("myStock.sellOut.soldOn")}</dt>
              {/* The workflow keeps the sale date in the document's reason field. */}
              <dd>{doc.reason ? formatDate(doc.reason, i18n.language) : "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("myStock.sellOut.customer")}</dt>
              <dd>{doc.note ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("myStock.documents.createdAt")}</dt>
              <dd>{formatDateTime(doc.createdAt, i18n.language)}</dd>
            </div>
          </dl>
        </Card>
        <Card title={t("myStock.sellOut.lines")}>
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead>
              <tr className="text-left text-slate-700">
                <th scope="col" className="px-3 py-2">{t("myStock.columns.sku")}</th>
                <th scope="col" className="px-3 py-2">{t("myStock.columns.product")}</th>
                <th scope="col" className="px-3 py-2 text-right">{t("myStock.columns.quantity")}</th>
                <th scope="col" className="px-3 py-2">{t("myStock.sellOut.serials")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {lines.map((l) => (
                <tr key={l.id}>
                  <td className="px-3 py-2 font-mono text-xs">{l.sku}</td>
                  <td className="px-3 py-2">{zh ? l.nameZh : l.nameEn}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{formatNumber(l.quantity, i18n.language)}</td>
                  <td className="px-3 py-2 font-mono text-xs">{l.serials.join(" ") || "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </Card>
        <Link to="/stock/sell-out" className="text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("myStock.documents.back")}
        </Link>
      </div>
    </>
  );
}
