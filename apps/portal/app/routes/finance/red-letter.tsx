import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { confirmRedLetter, getRedLetter, mayDecideRedLetter, rejectRedLetter } from "@cs/domain";
import { Alert, Button, Card, PageHeader, TextAreaField } from "@cs/ui";
import { CsrfInput, FormAlert, RedLetterFacts, RedLetterStatusBadge, useFormResult } from "@cs/web";
import { actionError, domainCtx, guarded, readForm } from "@cs/web/server";
import type { Route } from "./+types/red-letter";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return { detail: await getRedLetter(ctx, params.id), mayDecide: mayDecideRedLetter(ctx.actor), key: randomUUID() };
});

/** `confirm` issues the credit note; `reject` records the buyer's reason. */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const raw = { ...readForm(form), requestId: params.id };
    if (form.get("intent") === "confirm") {
      const done = await confirmRedLetter(ctx, raw);
      return redirect(`/finance/red-letters/${params.id}?done=confirmed&note=${encodeURIComponent(done.creditNoteNumber)}`);
    }
    await rejectRedLetter(ctx, raw);
    return redirect(`/finance/red-letters/${params.id}?done=rejected`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function RedLetter({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { detail, mayDecide, key } = loaderData;
  const { result, errors } = useFormResult(actionData);
  const done = actionData ? null : params.get("done");
  const r = detail.request;
  return (
    <>
      <PageHeader title={t("invoicing.redLetter.detailTitle", { number: r.number })}>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <RedLetterStatusBadge status={r.status} />
          <Link to="/finance/red-letters" className="text-blue-800 underline">
            {t("invoicing.redLetter.title")}
          </Link>
        </p>
      </PageHeader>
      <div className="mb-4 space-y-2 empty:hidden">
        {done === "confirmed" ? <Alert tone="success">{t("invoicing.redLetter.confirmedToast", { number: params.get("note") ?? "" })}</Alert> : null}
        {done === "rejected" ? <Alert tone="success">{t("invoicing.redLetter.rejectedToast")}</Alert> : null}
        <FormAlert result={result} />
      </div>
      <RedLetterFacts detail={detail} />
      {mayDecide && r.status === "pending" ? (
        <Card>
          <Form method="post" className="mb-4 flex flex-wrap items-center gap-3">
            <CsrfInput />
            <input type="hidden" name="_key" value={`${key}-c`} />
            <Button name="intent" value="confirm" disabled={busy}>
              {t("invoicing.redLetter.confirm")}
            </Button>
            <span className="text-sm text-slate-600">{t("invoicing.redLetter.confirmHint")}</span>
          </Form>
          <Form method="post" className="flex flex-col gap-2 sm:max-w-xl">
            <CsrfInput />
            <input type="hidden" name="_key" value={`${key}-r`} />
            <TextAreaField label={t("invoicing.redLetter.reason")} name="reason" maxLength={500} required rows={2} errors={errors("reason")} />
            <Button name="intent" value="reject" variant="secondary" disabled={busy} className="self-start">
              {t("invoicing.redLetter.reject")}
            </Button>
          </Form>
        </Card>
      ) : null}
    </>
  );
}
