import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { getMyDocument } from "@cs/domain";
import { Alert, Card, PageHeader, formatDate, formatDateTime } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/sell-out-report";
import { StatusBadge } from "./document-columns";
import { DocumentLinesTable } from "./document-lines";
import { StockTabs } from "./tabs";

/** One of the partner's sell-out reports; another partner's id answers 404. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return await getMyDocument(domainCtx(context, request), "sell_out", params.id);
});

export default function SellOutReport({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
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
          <DocumentLinesTable lines={lines} withSerials />
        </Card>
        <Link to="/stock/sell-out" className="text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("myStock.documents.back")}
        </Link>
      </div>
    </>
  );
}
