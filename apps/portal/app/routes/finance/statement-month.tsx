import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { confirmAccountStatement, disputeStatementLine, getAccountStatement, mayConfirmStatement } from "@cs/domain";
import { Alert, Button, PageHeader, TextAreaField, buttonClass, formatDateTime } from "@cs/ui";
import { CsrfInput, FormAlert, StatementDisputes, StatementLines, StatementStatusBadge, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, domainCtx, guarded, readForm } from "@cs/web/server";
import type { Route } from "./+types/statement-month";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getAccountStatement(ctx, params.id);
  return { detail, mayConfirm: mayConfirmStatement(ctx.actor), key: randomUUID() };
});

/** `confirm` freezes the statement; `dispute` raises a reason against one line. */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const raw = { ...readForm(form), statementId: params.id };
    if (form.get("intent") === "confirm") {
      await confirmAccountStatement(ctx, raw);
      return redirect(`/finance/statements/${params.id}?done=confirmed`);
    }
    await disputeStatementLine(ctx, raw);
    return redirect(`/finance/statements/${params.id}?done=disputed`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function StatementMonth({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { detail, mayConfirm, key } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const errors = useFieldErrors(result);
  const done = actionData ? null : params.get("done");
  const open = detail.status !== "confirmed";
  // a refused dispute shows its message in the line's own form, unless the statement has no forms any more (confirmed meanwhile)
  const typedLine = open && typeof result?.initialValue?.entryNumber === "string" ? result.initialValue.entryNumber : null;
  const file = (format: string) => `/finance/statements/${detail.id}/file?format=${format}`;
  return (
    <>
      <PageHeader
        title={t("billing.statements.detailTitle", { month: detail.month.slice(0, 7) })}
        actions={
          <div className="flex flex-wrap gap-2">
            <a href={file("pdf")} className={buttonClass("secondary")}>
              {t("billing.statement.downloadPdf")}
            </a>
            <a href={file("xlsx")} className={buttonClass("secondary")}>
              {t("billing.statement.downloadXlsx")}
            </a>
          </div>
        }
      >
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <StatementStatusBadge status={detail.status} />
          <Link to="/finance/statements" className="text-blue-800 underline">
            {t("billing.statements.title")}
          </Link>
        </p>
      </PageHeader>
      <div className="mb-4 space-y-2">
        {done === "confirmed" ? <Alert tone="success">{t("billing.statements.confirmedToast")}</Alert> : null}
        {done === "disputed" ? <Alert tone="success">{t("billing.statements.disputedToast")}</Alert> : null}
        {typedLine ? null : <FormAlert result={result} />}
        {detail.confirmedAt ? (
          <Alert tone="info">{t("billing.statements.confirmedOn", { at: formatDateTime(detail.confirmedAt, i18n.language), by: detail.confirmedBy ?? "" })}</Alert>
        ) : null}
        {detail.status === "disputed" ? <Alert tone="info">{t("billing.statements.waiting")}</Alert> : null}
      </div>
      {mayConfirm && detail.status === "open" ? (
        <Form method="post" className="mb-4 flex flex-wrap items-center gap-3">
          <CsrfInput />
          <input type="hidden" name="_key" value={`${key}-c`} />
          <Button name="intent" value="confirm" disabled={busy}>
            {t("billing.statements.confirm")}
          </Button>
          <span className="text-sm text-slate-600">{t("billing.statements.confirmHint")}</span>
        </Form>
      ) : null}
      <StatementLines
        detail={detail}
        lineAction={
          mayConfirm && open
            ? (e) => (
                <details className="mt-1" open={typedLine === e.number}>
                  <summary className="cursor-pointer text-sm text-blue-800">{t("billing.statements.disputeFor", { number: e.number })}</summary>
                  <Form method="post" className="mt-2 flex flex-col gap-2 sm:max-w-xl">
                    {typedLine === e.number ? <FormAlert result={result} /> : null}
                    <CsrfInput />
                    <input type="hidden" name="_key" value={`${key.slice(0, 12)}-${e.number.replace(/[^\w-]/g, "_").slice(0, 40)}`} />
                    <input type="hidden" name="entryNumber" value={e.number} />
                    <TextAreaField
                      label={`${t("billing.statements.reason")} · ${e.number}`}
                      name="reason"
                      maxLength={500}
                      required
                      rows={2}
                      errors={typedLine === e.number ? errors("reason") : undefined}
                    />
                    <Button name="intent" value="dispute" variant="secondary" disabled={busy} className="self-start">
                      {t("billing.statements.disputeSubmit")}
                    </Button>
                  </Form>
                </details>
              )
            : undefined
        }
      />
      <StatementDisputes disputes={detail.disputes} />
    </>
  );
}
