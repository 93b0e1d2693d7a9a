import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { getAccountStatement, mayResolveStatementDispute, resolveStatementDispute } from "@cs/domain";
import { Alert, Button, PageHeader, TextField, buttonClass, formatDateTime } from "@cs/ui";
import { CsrfInput, FormAlert, StatementDisputes, StatementLines, StatementStatusBadge, useFieldErrors, type ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/statement-month";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getAccountStatement(ctx, params.id);
  return { detail, mayResolve: mayResolveStatementDispute(ctx.actor), key: randomUUID() };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    await resolveStatementDispute(ctx, fields);
    return redirect(`/finance/statements/${params.id}?done=resolved`);
  });
});

/** One partner's monthly statement: its lines as the partner sees them, the disputes and finance's answers. */
export default function StatementMonth({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { detail, mayResolve, key } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const errors = useFieldErrors(result);
  const org = detail.statement.organization;
  const file = (format: string) => `/finance/statements/${detail.id}/file?format=${format}`;
  return (
    <>
      <PageHeader
        title={`${t("billing.statements.detailTitle", { month: detail.month.slice(0, 7) })} · ${org.code} ${org.name}`}
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
        <p className="mt-1 flex flex-wrap items-center gap-2 text-sm">
          <StatementStatusBadge status={detail.status} />
          <Link to="/finance/statements" className="text-blue-800 underline">
            {t("billing.statements.title")}
          </Link>
        </p>
      </PageHeader>
      <div className="mb-4 space-y-2">
        {params.get("done") === "resolved" && !actionData ? <Alert tone="success">{t("billing.statements.resolvedToast")}</Alert> : null}
        <FormAlert result={result} />
        {detail.confirmedAt ? (
          <Alert tone="info">{t("billing.statements.confirmedOn", { at: formatDateTime(detail.confirmedAt, i18n.language), by: detail.confirmedBy ?? "" })}</Alert>
        ) : null}
      </div>
      <StatementDisputes
        disputes={detail.disputes}
        action={
          mayResolve
            ? (d) => (
                <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                  <CsrfInput />
                  <input type="hidden" name="_key" value={`${key.slice(0, 12)}-${d.id}`} />
                  <input type="hidden" name="disputeId" value={d.id} />
                  <TextField
                    label={`${t("billing.statements.resolution")} · ${d.entryNumber}`}
                    name="resolution"
                    maxLength={500}
                    required
                    errors={result?.initialValue?.disputeId === d.id ? errors("resolution") : undefined}
                    className="w-80 max-w-full"
                  />
                  <Button disabled={busy}>{t("billing.statements.resolve")}</Button>
                </Form>
              )
            : undefined
        }
      />
      <div className="mt-4">
        <StatementLines detail={detail} />
      </div>
    </>
  );
}
