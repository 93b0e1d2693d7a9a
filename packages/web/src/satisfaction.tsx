import type { ReactNode } from "react";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useNavigation } from "react-router";
import { Badge, Button, FieldErrors, TextAreaField, TextField, cn, formatDateTime } from "@cs/ui";
import { FormKeys } from "./root";

type Kind = "delivery" | "repair" | "nps";

/**
 * One survey's question with its scale as buttons: one click on a score submits it (the comment,
 * typed first, goes along). CSAT 1–5 with words, NPS 0–10 with its two ends named. Used by the
 * portal's survey list and the e-mail link's page.
 */
export function SurveyAnswerForm({ kind, number, formKey, surveyId, errors }: { kind: Kind; number: string; formKey: string; surveyId?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const scores = kind === "nps" ? Array.from({ length: 11 }, (_, i) => i) : [1, 2, 3, 4, 5];
  const question = t(`satisfaction.question.${kind}`, { number });
  return (
    <Form method="post" className="space-y-3">
      <FormKeys formKey={formKey} intent="answer" />
      {surveyId ? <input type="hidden" name="surveyId" value={surveyId} /> : null}
      <TextAreaField label={t("satisfaction.comment")} name="comment" rows={2} maxLength={1000} />
      <fieldset aria-describedby={errors?.length ? `score-e-${formKey}` : undefined}>
        <legend className="mb-2 text-sm font-medium text-slate-900">{question}</legend>
        <div className="flex flex-wrap gap-2">
          {scores.map((s) => (
            <button
              key={s}
              type="submit"
              name="score"
              value={s}
              disabled={busy}
              className={cn("min-h-11 min-w-11 rounded-md border border-slate-300 bg-white px-3 text-sm font-medium text-slate-800 hover:border-blue-600 hover:bg-blue-50", kind !== "nps" && "px-4")}
              aria-label={kind === "nps" ? t("satisfaction.scoreLabel", { score: s }) : `${t("satisfaction.scoreLabel", { score: s })} ${t(`satisfaction.scale.s${s}`)}`}
            >
              {kind === "nps" ? s : `${"★".repeat(s)}`}
            </button>
          ))}
        </div>
        {kind === "nps" ? (
          <p className="mt-1 flex justify-between text-xs text-slate-500">
            <span>{t("satisfaction.scale.npsLow")}</span>
            <span>{t("satisfaction.scale.npsHigh")}</span>
          </p>
        ) : null}
        <FieldErrors id={`score-e-${formKey}`} errors={errors ?? null} />
      </fieldset>
    </Form>
  );
}

export function SurveyStateBadge({ state }: { state: "open" | "answered" | "expired" }) {
  const { t } = useTranslation();
  return <Badge tone={state === "open" ? "blue" : state === "answered" ? "green" : "slate"}>{t(`satisfaction.states.${state}`)}</Badge>;
}

const severityTones = { low: "slate", normal: "blue", high: "amber", critical: "red" } as const;
const statusTones = { open: "amber", in_progress: "blue", resolved: "green" } as const;

export function ComplaintBadges({ severity, status }: { severity: keyof typeof severityTones; status: keyof typeof statusTones }) {
  const { t } = useTranslation();
  return (
    <span className="inline-flex gap-1">
      <Badge tone={severityTones[severity]}>{t(`complaints.severities.${severity}`)}</Badge>
      <Badge tone={statusTones[status]}>{t(`complaints.statuses.${status}`)}</Badge>
    </span>
  );
}

/** A complaint's facts as both apps show them (staff see the owner and who filed it too). */
export function ComplaintFacts({ c, extra = [] }: { c: { category: string; dueAt: Date | string; createdAt: Date | string; resolvedAt: Date | string | null; description: string }; extra?: [string, ReactNode][] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const facts: [string, ReactNode][] = [
    ...extra,
    [t("complaints.fields.category"), t(`complaints.categories.${c.category}`)],
    [t("complaints.fields.createdAt"), formatDateTime(c.createdAt, locale)],
    [t("complaints.fields.dueAt"), formatDateTime(c.dueAt, locale)],
    ...(c.resolvedAt ? ([[t("complaints.fields.resolvedAt"), formatDateTime(c.resolvedAt, locale)]] as [string, ReactNode][]) : []),
  ];
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
      {facts.map(([k, v]) => (
        <div key={k}>
          <dt className="text-xs text-slate-500">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
      <div className="sm:col-span-2">
        <dt className="text-xs text-slate-500">{t("complaints.fields.description")}</dt>
        <dd className="whitespace-pre-wrap">{c.description}</dd>
      </div>
    </dl>
  );
}

/** The end of a complaint form in both apps: subject, details, cancel and file. */
export function ComplaintTextAndSubmit({ errors, value, busy }: { errors: (name: string) => string[] | null; value: (name: string) => string | undefined; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <TextField label={t("complaints.fields.subject")} name="subject" required maxLength={200} className="sm:col-span-2" defaultValue={value("subject")} errors={errors("subject")} />
      <TextAreaField label={t("complaints.fields.description")} name="description" required rows={5} maxLength={4000} className="sm:col-span-2" defaultValue={value("description")} errors={errors("description")} />
      <div className="flex justify-end gap-3 sm:col-span-2">
        <Link to="/complaints" className="self-center text-sm text-slate-600 hover:underline">
          {t("common.cancel")}
        </Link>
        <Button aria-busy={busy ? true : undefined}>{t("complaints.file")}</Button>
      </div>
    </>
  );
}
