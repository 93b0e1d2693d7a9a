import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { acceptLead, declineLead, getLead, loseLead, progressLead } from "@cs/domain";
import { Alert, Button, Card, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, LeadFacts, LeadHeader, LeadHistory, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { detail: await getLead(domainCtx(context, request), params.id) };
});

const doneOf = { accept: "accepted", decline: "declined", progress: "progressed", lose: "lost" } as const;

/** One intent per form: accept, decline (with a reason), progress (next step) or lose (reason, competitor). */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    if (intent !== "accept" && intent !== "decline" && intent !== "progress" && intent !== "lose") return null;
    const verbs = { accept: acceptLead, decline: declineLead, progress: progressLead, lose: loseLead } as const;
    await verbs[intent](domainCtx(context, request), { ...readForm(form), leadId: params.id });
    // a declined lead is no longer the partner's to open
    return redirect(intent === "decline" ? "/leads?done=declined" : `/leads/${params.id}?done=${doneOf[intent]}`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function LeadWork({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { detail } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const field = useFieldErrors(result);
  const done = search.get("done");
  const moves = detail.moves;
  const intent = typeof result?.initialValue?.intent === "string" ? result.initialValue.intent : null;
  const errorsFor = (i: string, name: string) => (intent === i ? field(name) : undefined);
  return (
    <div className="space-y-4">
      <LeadHeader detail={detail} backTo="/leads" />
      {done && ["accepted", "progressed", "lost"].includes(done) && !actionData ? <Alert tone="success">{t(`leads.work.${done}`)}</Alert> : null}
      <FormAlert result={result} />
      {detail.acceptOverdue ? <Alert tone="info">{t("leads.work.acceptOverdue")}</Alert> : null}
      <LeadFacts detail={detail} staff={false} dealHref={detail.lead.dealRegistrationId ? `/deals/${detail.lead.dealRegistrationId}` : undefined} />
      {moves.accept ? (
        <Card title={t("leads.work.title")}>
          <div className="flex flex-wrap items-end gap-4">
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="intent" value="accept" />
              <Button disabled={busy}>{t("leads.work.accept")}</Button>
            </Form>
            <Form method="post" className="flex flex-wrap items-end gap-3">
              <CsrfInput />
              <input type="hidden" name="intent" value="decline" />
              <TextField label={t("leads.fields.reason")} name="reason" maxLength={500} errors={errorsFor("decline", "reason")} />
              <Button variant="secondary" disabled={busy}>
                {t("leads.work.decline")}
              </Button>
            </Form>
          </div>
        </Card>
      ) : null}
      {moves.progress ? (
        <Card
          title={t("leads.work.title")}
          actions={
            moves.convert ? (
              <Link to={`/deals/new?lead=${detail.lead.id}`} className={buttonClass()}>
                {t("leads.work.convert")}
              </Link>
            ) : null
          }
        >
          <div className="grid gap-4 lg:grid-cols-2">
            <Form method="post" className="flex flex-wrap items-end gap-3">
              <CsrfInput />
              <input type="hidden" name="intent" value="progress" />
              <TextField label={t("leads.fields.nextStep")} name="nextStep" maxLength={500} defaultValue={detail.lead.nextStep ?? ""} errors={errorsFor("progress", "nextStep")} className="grow" />
              <Button variant="secondary" disabled={busy}>
                {t("leads.work.progress")}
              </Button>
            </Form>
            <Form method="post" className="flex flex-wrap items-end gap-3">
              <CsrfInput />
              <input type="hidden" name="intent" value="lose" />
              <TextField label={t("leads.fields.lostReason")} name="lostReason" maxLength={500} errors={errorsFor("lose", "lostReason")} />
              <TextField label={t("leads.fields.competitor")} name="competitor" maxLength={200} errors={errorsFor("lose", "competitor")} />
              <Button variant="danger" disabled={busy}>
                {t("leads.work.lose")}
              </Button>
            </Form>
          </div>
        </Card>
      ) : null}
      <LeadHistory detail={detail} />
    </div>
  );
}
