import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { requestContext } from "@cs/auth/server";
import { answerSurveyByToken, surveyByToken } from "@cs/domain";
import { Alert, CenteredPage } from "@cs/ui";
import { LanguageSwitcher, SurveyAnswerForm, SurveyStateBadge, useFormResult } from "@cs/web";
import { actionError, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/link";

/**
 * `/survey/<token>`, the link in a survey's e-mail: no sign-in, the token names whom it was sent to
 * (docs/decisions/038). A forged token is not found; an answered or expired survey says so.
 */
export const loader = guarded(async function loader({ params, context }: Route.LoaderArgs) {
  const survey = await surveyByToken(context.get(requestContext).db, params.token);
  return { survey, formKey: randomUUID() };
});

export const action = guarded(async function action({ params, request, context }: Route.ActionArgs) {
  const form = await request.formData();
  const { db, ip } = context.get(requestContext);
  try {
    await answerSurveyByToken(db, params.token, readForm(form), ip);
    return redirect(`/survey/${encodeURIComponent(params.token)}`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function SurveyLink({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { survey, formKey } = loaderData;
  const { errors } = useFormResult(actionData);
  return (
    <CenteredPage top={<LanguageSwitcher />}>
      <div className="mb-3 flex items-center justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("satisfaction.linkTitle")}</h1>
        <SurveyStateBadge state={survey.state} />
      </div>
      {survey.state !== "open" && errors("score") ? <Alert>{errors("score")!.join(" ")}</Alert> : null}
      {survey.state === "open" ? (
        <SurveyAnswerForm kind={survey.kind} number={survey.subjectNumber} formKey={formKey} errors={errors("score")} />
      ) : survey.state === "answered" ? (
        <Alert tone="success">
          <strong>{t("satisfaction.thanks")}</strong> {t("satisfaction.answeredWith", { score: survey.score })}
        </Alert>
      ) : (
        <Alert>{t("satisfaction.errors.expired")}</Alert>
      )}
    </CenteredPage>
  );
}
