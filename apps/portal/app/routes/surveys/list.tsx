import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect, useSearchParams } from "react-router";
import { answerSurvey, listMySurveys } from "@cs/domain";
import { Alert, Card, PageHeader, formatDateTime } from "@cs/ui";
import { SurveyAnswerForm, SurveyStateBadge, useFormResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";

/** The partner's or customer's satisfaction surveys: open ones to answer with one click, then the answered and expired. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const surveys = await listMySurveys(domainCtx(context, request));
  return { surveys: surveys.map((s) => ({ ...s, formKey: randomUUID() })) };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    await answerSurvey(domainCtx(context, request), readForm(form));
    return redirect("/surveys?done=1");
  } catch (error) {
    return actionError(error, form);
  }
});

export default function MySurveys({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const { result, errors, value } = useFormResult(actionData);
  const failed = value("surveyId");
  return (
    <>
      <PageHeader title={t("satisfaction.nav.portal")}>
        <p className="max-w-3xl text-sm text-slate-600">{t("satisfaction.portalIntro")}</p>
      </PageHeader>
      {search.get("done") && !actionData ? <Alert tone="success">{t("satisfaction.thanks")}</Alert> : null}
      {result && !failed ? <Alert>{(errors("score") ?? errors("form") ?? []).join(" ")}</Alert> : null}
      {loaderData.surveys.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("satisfaction.empty")}</p>
        </Card>
      ) : (
        <ul className="space-y-3" aria-label={t("satisfaction.nav.portal")}>
          {loaderData.surveys.map((s) => (
            <li key={s.id}>
              <Card>
                <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
                  <span className="font-medium">{t(`satisfaction.kinds.${s.kind}`)} · {s.number}</span>
                  <SurveyStateBadge state={s.answeredAt ? "answered" : s.open ? "open" : "expired"} />
                </div>
                {s.open ? (
                  <>
                    <p className="mb-2 text-xs text-slate-500">{t("satisfaction.expiresAt", { at: formatDateTime(s.expiresAt, i18n.language) })}</p>
                    <SurveyAnswerForm kind={s.kind} number={s.number} formKey={s.formKey} surveyId={s.id} errors={failed === s.id ? errors("score") : null} />
                  </>
                ) : s.answeredAt ? (
                  <p className="text-sm text-slate-700">
                    {t("satisfaction.answeredWith", { score: s.score })}
                    {s.comment ? ` · ${s.comment}` : ""}
                  </p>
                ) : null}
              </Card>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
