import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { MAX_PROOF_BYTES, fileFundClaim, getFundApplication } from "@cs/domain";
import { Alert, Button, PageHeader, TextAreaField, TextField, buttonClass, formatMoney } from "@cs/ui";
import { FormAlert, FundApplicationFacts, FundClaimView, FundStatusBadge, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, filesOf, readForm, guarded, uploadStore } from "@cs/web/server";
import type { Route } from "./+types/detail";

/** The partner's own application (another partner's id is not found) and, once approved, its claim with proof. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { detail: await getFundApplication(domainCtx(context, request), params.id), formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    await fileFundClaim(domainCtx(context, request), { ...readForm(form), applicationId: params.id }, await filesOf(form, "proof", { bytes: MAX_PROOF_BYTES, message: "marketing.errors.fileTooLarge" }), uploadStore());
    return redirect(`/marketing-funds/${params.id}?done=claimed`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function FundApplicationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const { detail, formKey } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const field = useFieldErrors(result);
  const a = detail.application;
  const c = detail.claim;
  const done = search.get("done");
  const initial = (name: string) => (typeof result?.initialValue?.[name] === "string" ? (result.initialValue[name] as string) : undefined);
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t("marketing.funds.title")} ${a.number}`}
        actions={
          <Link to="/marketing-funds" className={buttonClass("ghost")}>
            {t("marketing.funds.back")}
          </Link>
        }
      >
        <div className="mt-1">
          <FundStatusBadge status={a.status} />
        </div>
      </PageHeader>
      {done === "submitted" && !actionData ? <Alert tone="success">{t("marketing.funds.submitted")}</Alert> : null}
      {done === "claimed" && !actionData ? <Alert tone="success">{t("marketing.funds.claim.submitted")}</Alert> : null}
      {c?.status === "approved" && c.approvedFen !== null ? <Alert tone="success">{t("marketing.funds.claim.settled", { amount: formatMoney(c.approvedFen, i18n.language) })}</Alert> : null}
      {c?.status === "returned" && c.decisionComment ? <Alert tone="info">{t("marketing.funds.claim.returnedNote", { comment: c.decisionComment })}</Alert> : null}
      <FundApplicationFacts detail={detail} staff={false} />
      {a.status === "approved" ? (
        <FundClaimView detail={detail} fileLink={(fileId) => `/marketing-funds/${a.id}/files/${fileId}`}>
          {detail.mayClaim ? (
            <Form method="post" encType="multipart/form-data" className="mt-4 grid gap-3 border-t border-slate-200 pt-4 sm:grid-cols-2">
              <FormKeys formKey={formKey} />
              <div className="sm:col-span-2">
                <FormAlert result={result} />
              </div>
              <TextField label={t("marketing.funds.claim.amount")} name="amount" inputMode="decimal" required defaultValue={initial("amount")} errors={field("amount")} />
              <TextField label={t("marketing.funds.claim.proof")} name="proof" type="file" multiple required accept="application/pdf,image/jpeg,image/png,image/webp" errors={field("proof")} />
              <TextAreaField label={t("marketing.funds.claim.description")} name="description" required maxLength={1000} rows={3} className="sm:col-span-2" defaultValue={initial("description")} errors={field("description")} />
              <div className="flex justify-end sm:col-span-2">
                <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{t("marketing.funds.claim.submit")}</Button>
              </div>
            </Form>
          ) : null}
        </FundClaimView>
      ) : null}
    </div>
  );
}
