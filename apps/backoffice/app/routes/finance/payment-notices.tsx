import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, useNavigation, useSearchParams } from "react-router";
import { can, listPaymentNotices, paymentNoticeListQuery } from "@cs/domain";
import { Alert, Button, Card, PageHeader, SelectField, TextField } from "@cs/ui";
import { CsrfInput, FilterForm, FormAlert, PaymentNoticeList, useFieldErrors, type ActionResult, type PaymentNoticeItem, FormKeys } from "@cs/web";
import { domainCtx, guarded, searchParamsObject } from "@cs/web/server";
import type { Route } from "./+types/payment-notices";
import { runPaymentNoticeAction } from "./payment-notices.server";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const typed = searchParamsObject(request);
  // finance opens this page to work the pending notices: that is the default view
  const query = paymentNoticeListQuery.parse({ status: "pending", ...typed });
  const page = await listPaymentNotices(ctx, query);
  const canDecide = can(ctx.actor, "payment:record");
  return { page, query, canDecide, keys: Object.fromEntries(page.rows.map((r) => [r.id, randomUUID()])) };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  return runPaymentNoticeAction(domainCtx(context, request), await request.formData());
});

/** The row's decision: confirm into a payment, or return with a reason the partner reads. */
function Decide({ notice, formKey, result }: { notice: PaymentNoticeItem; formKey: string; result: ActionResult }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const mine = result?.initialValue?.noticeId === notice.id;
  const errors = useFieldErrors(mine ? result : undefined);
  return (
    <div className="mt-2 flex flex-wrap items-end gap-3">
      {mine ? <FormAlert result={result} /> : null}
      <Form method="post">
        <FormKeys formKey={formKey} />
        <input type="hidden" name="noticeId" value={notice.id} />
        <Button name="intent" value="confirm" disabled={busy} title={t("billing.notices.confirmHint")} aria-label={`${t("billing.notices.confirm")} ${notice.number}`}>
          {t("billing.notices.confirm")}
        </Button>
      </Form>
      <Form method="post" className="flex flex-wrap items-end gap-2">
        <CsrfInput />
        <input type="hidden" name="_key" value={`${formKey}-r`} />
        <input type="hidden" name="noticeId" value={notice.id} />
        <TextField label={`${t("billing.notices.reason")} · ${notice.number}`} name="reason" maxLength={300} required errors={errors("reason")} className="w-64 max-w-full" />
        <Button name="intent" value="reject" variant="danger" disabled={busy}>
          {t("billing.notices.reject")}
        </Button>
      </Form>
    </div>
  );
}

export default function PaymentNotices({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { page, query, canDecide, keys } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const done = params.get("done");
  return (
    <>
      <PageHeader title={t("billing.notices.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("billing.notices.confirmHint")}</p>
      </PageHeader>
      {done === "confirmed" && !actionData ? <Alert tone="success">{t("billing.notices.confirmed", { number: params.get("number"), payment: params.get("payment") })}</Alert> : null}
      {done === "rejected" && !actionData ? <Alert tone="success">{t("billing.notices.rejected", { number: params.get("number") })}</Alert> : null}
      <FilterForm resetTo="/finance/payment-notices" sort={query.sort} dir={query.dir} size={query.size} columns={4}>
        <SelectField
          label={t("billing.notices.columns.status")}
          name="status"
          defaultValue={query.status}
          options={(["pending", "confirmed", "rejected", "all"] as const).map((s) => ({ value: s, label: s === "all" ? t("common.all") : t(`billing.notices.statuses.${s}`) }))}
        />
      </FilterForm>
      <Card>
        {page.rows.length === 0 ? (
          <p className="text-sm text-slate-600">{query.status === "pending" ? t("billing.notices.nonePending") : t("billing.notices.none")}</p>
        ) : (
          <PaymentNoticeList
            rows={page.rows}
            showPartner
            actions={(n) => (canDecide && n.status === "pending" ? <Decide notice={n} formKey={Object.hasOwn(keys, n.id) ? keys[n.id]! : ""} result={result} /> : null)}
          />
        )}
      </Card>
    </>
  );
}
