import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useSearchParams } from "react-router";
import { can, cancelCallOff, getMyDocument } from "@cs/domain";
import { Alert, Button, Card, PageHeader, formatDate, formatDateTime } from "@cs/ui";
import { CsrfInput, type ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/call-off";
import { StatusBadge } from "./document-columns";
import { DocumentLinesTable } from "./document-lines";
import { StockFormAlert } from "./form-errors";
import { StockTabs } from "./tabs";

type Address = { label?: string; recipient?: string; phone?: string; province?: string; city?: string; district?: string | null; line?: string };

/** One of the partner's call-offs; another partner's id answers 404. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const found = await getMyDocument(ctx, "call_off", params.id);
  return { ...found, cancellable: found.document.status === "requested" && can(ctx.actor, "own_stock:call_off") };
});

/** Withdraw: repeating it on a withdrawn request changes nothing. */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async () => {
    await cancelCallOff(ctx, params.id);
    return redirect(`/stock/call-offs/${params.id}?done=cancelled`);
  });
});

export default function CallOff({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const { document: doc, lines, cancellable } = loaderData;
  const address = (doc.deliveryAddress ?? {}) as Address;
  const done = params.get("done");
  return (
    <>
      <PageHeader title={t("myStock.title")} />
      <StockTabs />
      <div className="space-y-4">
        {done === "submitted" || done === "cancelled" ? <Alert tone="success">{t(`myStock.callOff.${done}`)}</Alert> : null}
        <StockFormAlert result={(actionData ?? undefined) as ActionResult} />
        <Card
          title={
            <span className="flex items-center gap-2">
              {t("myStock.callOff.detail", { number: doc.number })} <StatusBadge kind="callOff" status={doc.status} />
            </span>
          }
          actions={
            cancellable ? (
              <Form method="post">
                <CsrfInput />
                <Button variant="secondary">{t("myStock.callOff.cancel")}</Button>
              </Form>
            ) : null
          }
        >
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">{t("myStock.documents.createdAt")}</dt>
              <dd>{formatDateTime(doc.createdAt, i18n.language)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("myStock.callOff.requestedDate")}</dt>
              <dd>{doc.reason ? formatDate(doc.reason, i18n.language) : "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("myStock.callOff.deliveryTo")}</dt>
              <dd>
                {address.label} · {address.recipient} {address.phone}
                <br />
                {address.province}
                {address.city}
                {address.district ?? ""}
                {address.line}
              </dd>
            </div>
            {doc.note ? (
              <div className="sm:col-span-3">
                <dt className="text-slate-500">{t("myStock.callOff.note")}</dt>
                <dd className="whitespace-pre-line">{doc.note}</dd>
              </div>
            ) : null}
          </dl>
        </Card>
        <Card title={t("myStock.callOff.lines")}>
          <DocumentLinesTable lines={lines} />
        </Card>
        <Link to="/stock/call-offs" className="text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("myStock.documents.back")}
        </Link>
      </div>
    </>
  );
}
