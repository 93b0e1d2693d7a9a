import { useTranslation } from "@cs/i18n/react";
import { Link, useNavigation, useSearchParams } from "react-router";
import { can, getDocument } from "@cs/domain";
import { Alert, Badge, PageHeader, buttonClass } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { runDocumentAction } from "./actions.server";
import { StatusBadge } from "./columns";
import { DecisionPanel, PlainLines } from "./decision-panel";
import { DocumentFacts, type PanelProps } from "./detail-bits";
import { ReceiptPanel } from "./receipt-panel";
import { StocktakePanel } from "./stocktake-panel";
import { TransferPanel } from "./transfer-panel";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getDocument(ctx, params.id);
  return { detail, may: { move: can(ctx.actor, "stock:move"), approve: can(ctx.actor, "stock:approve"), count: can(ctx.actor, "stock:count") } };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  return runDocumentAction(domainCtx(context, request), params.id, await request.formData());
});

const closed = new Set(["received", "cancelled", "done", "rejected", "posted", "shipped"]);

export default function StockDocument({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { detail, may } = loaderData;
  const doc = detail.document;
  const done = params.get("done");
  const props: PanelProps = { detail, may, result: actionData as ActionResult, busy: navigation.state === "submitting" };
  // A shipped call-off is finished; a shipped transfer still waits to be received.
  const readOnly = closed.has(doc.status) && !(doc.kind === "transfer" && doc.status === "shipped");
  return (
    <div className="space-y-4">
      <PageHeader
        title={doc.number}
        actions={
          <Link to={`/stock/documents?kind=${doc.kind}`} className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      >
        <div className="mt-1 flex items-center gap-2">
          <Badge tone="blue">{t(`stock.documents.kinds.${doc.kind}`)}</Badge>
          <StatusBadge status={doc.status} t={t} />
          <Link to={`/stock/moves?reference=${encodeURIComponent(doc.number)}`} className="text-sm text-blue-800 hover:underline">
            {t("stock.tabs.moves")}
          </Link>
        </div>
      </PageHeader>
      {done && !actionData ? <Alert tone="success">{t(`stock.documents.done.${done}`, { defaultValue: t("common.saved") })}</Alert> : null}
      {readOnly ? <Alert tone="info">{t("stock.documents.readOnly")}</Alert> : null}
      <DocumentFacts detail={detail} />
      {doc.kind === "receipt" ? <ReceiptPanel {...props} /> : null}
      {doc.kind === "transfer" ? <TransferPanel {...props} /> : null}
      {doc.kind === "stocktake" ? <StocktakePanel {...props} /> : null}
      {doc.kind === "issue" || doc.kind === "call_off" || doc.kind === "sell_out" ? (
        <>
          <DecisionPanel {...props} />
          <PlainLines detail={detail} />
        </>
      ) : null}
    </div>
  );
}
