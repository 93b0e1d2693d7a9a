import { useTranslation } from "@cs/i18n/react";
import { Form, redirect, useNavigation, useSearchParams } from "react-router";
import { assignLead, getLead, unassignLead } from "@cs/domain";
import { Alert, Button, Card, TextField, formatDateTime } from "@cs/ui";
import { CsrfInput, FormAlert, LeadFacts, LeadHeader, LeadHistory, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/leads-detail";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { detail: await getLead(domainCtx(context, request), params.id) };
});

/** `assign` gives a pool lead to a partner (by code, or by the rule when blank); `unassign` takes it back. */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  const ctx = domainCtx(context, request);
  try {
    switch (form.get("intent")) {
      case "assign": {
        const r = await assignLead(ctx, { ...readForm(form), leadId: params.id });
        return redirect(`/marketing/leads/${params.id}?done=assigned&until=${encodeURIComponent(r.acceptBy.toISOString())}`);
      }
      case "unassign":
        await unassignLead(ctx, { leadId: params.id });
        return redirect(`/marketing/leads/${params.id}?done=unassigned`);
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
});

export default function LeadReview({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { detail } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const field = useFieldErrors(result);
  const done = search.get("done");
  const until = search.get("until");
  const doneText =
    done === "assigned" && until
      ? t("leads.assign.done", { until: formatDateTime(until, i18n.language) })
      : done === "unassigned"
        ? t("leads.assign.unassigned")
        : done === "created"
          ? t("leads.create.created")
          : done === "merged"
            ? t("leads.create.merged")
            : null;
  return (
    <div className="space-y-4">
      <LeadHeader detail={detail} backTo="/marketing/leads" />
      {doneText && !actionData ? <Alert tone={done === "merged" ? "info" : "success"}>{doneText}</Alert> : null}
      {detail.mayAssign || detail.mayUnassign ? <FormAlert result={result} /> : null}
      <LeadFacts detail={detail} staff dealHref={detail.lead.dealRegistrationId ? `/marketing/deals/${detail.lead.dealRegistrationId}` : undefined} />
      {detail.mayAssign ? (
        <Card title={t("leads.assign.title")}>
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="assign" />
            <p className="w-full text-sm text-slate-600">{t("leads.assign.hint")}</p>
            <TextField label={t("leads.fields.partnerCode")} name="partnerCode" maxLength={50} errors={field("partnerCode")} />
            <Button disabled={busy}>{t("leads.assign.submit")}</Button>
          </Form>
        </Card>
      ) : null}
      {detail.mayUnassign ? (
        <Form method="post">
          <CsrfInput />
          <input type="hidden" name="intent" value="unassign" />
          <Button variant="secondary" disabled={busy}>
            {t("leads.assign.unassign")}
          </Button>
        </Form>
      ) : null}
      <LeadHistory detail={detail} />
    </div>
  );
}
