import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useNavigation, useSearchParams } from "react-router";
import { calendarYearQuery, can, listCalendarDays } from "@cs/domain";
import { Alert, Badge, Button, Card, PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/index";
import { runCalendarAction } from "./actions.server";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const { year } = calendarYearQuery.parse(searchParamsObject(request));
  return { year, days: await listCalendarDays(ctx, year), mayManage: can(ctx.actor, "service:manage") };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  return runCalendarAction(domainCtx(context, request), await request.formData());
});

const weekdayKeys = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

/** The SLA calendar: one year's public holidays and make-up workdays, added and removed by the desk. */
export default function SlaCalendar({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { year, days, mayManage } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const errors = useFieldErrors(result);
  const addErrors = (name: string) => (result?.status === "error" && result.initialValue?.intent === "add" ? errors(name) : null);
  const initial = result?.status === "error" ? result.initialValue : undefined;
  const done = params.get("done");
  const zh = i18n.language === "zh-CN";
  const holidays = days.filter((d) => d.kind === "holiday").length;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("calendar.title")}
        actions={
          <Link to="/service/requests" className={buttonClass("ghost")}>
            {t("service.desk.nav")}
          </Link>
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("calendar.intro")}</p>
      </PageHeader>
      <Alert tone="info">{t("calendar.help")}</Alert>
      {done === "added" && !actionData ? <Alert tone="success">{t("calendar.added", { day: params.get("day") })}</Alert> : null}
      {done === "removed" && !actionData ? <Alert tone="success">{t("calendar.removed", { day: params.get("day") })}</Alert> : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <Card
          className="lg:col-span-2"
          title={t("calendar.year", { year })}
          actions={
            <div className="flex gap-2">
              <Link to={`?year=${year - 1}`} className={buttonClass("secondary")} aria-label={t("calendar.prevYear")}>
                ← {year - 1}
              </Link>
              <Link to={`?year=${year + 1}`} className={buttonClass("secondary")} aria-label={t("calendar.nextYear")}>
                {year + 1} →
              </Link>
            </div>
          }
        >
          <p className="mb-2 text-sm text-slate-600">{t("calendar.counts", { holidays, workdays: days.length - holidays })}</p>
          {days.length === 0 ? (
            <p className="py-6 text-center text-sm text-slate-500">{t("calendar.empty", { year })}</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="w-full text-sm">
                <caption className="sr-only">{t("calendar.year", { year })}</caption>
                <thead>
                  <tr className="text-left text-xs text-slate-500">
                    <th scope="col" className="py-1">{t("calendar.columns.day")}</th>
                    <th scope="col">{t("calendar.columns.weekday")}</th>
                    <th scope="col">{t("calendar.columns.kind")}</th>
                    <th scope="col">{t("calendar.columns.name")}</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {days.map((d) => (
                    <tr key={d.day} className="border-t border-slate-100">
                      <td className="py-1.5 font-mono text-xs">{d.day}</td>
                      <td>{t(`network.weekdays.${weekdayKeys[new Date(`${d.day}T00:00:00Z`).getUTCDay()]!}`)}</td>
                      <td>
                        <Badge tone={d.kind === "holiday" ? "red" : "blue"}>{t(`calendar.kinds.${d.kind}`)}</Badge>
                      </td>
                      <td>{localName(zh, d.nameZh, d.nameEn)}</td>
                      <td className="text-right">
                        {mayManage ? (
                          <Form method="post">
                            <CsrfInput />
                            <input type="hidden" name="day" value={d.day} />
                            <Button name="intent" value="remove" variant="ghost" disabled={busy} aria-label={`${t("calendar.remove")} ${d.day}`}>
                              {t("calendar.remove")}
                            </Button>
                          </Form>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
        {mayManage ? (
          <Card title={t("calendar.addTitle")}>
            <Form method="post" className="space-y-3">
              <CsrfInput />
              <input type="hidden" name="intent" value="add" />
              {initial?.intent === "add" ? <FormAlert result={result} /> : null}
              <TextField label={t("calendar.fields.day")} name="day" type="date" required defaultValue={(initial?.day as string | undefined) ?? ""} errors={addErrors("day")} />
              <SelectField
                label={t("calendar.fields.kind")}
                name="kind"
                required
                defaultValue={(initial?.kind as string | undefined) ?? "holiday"}
                options={(["holiday", "workday"] as const).map((k) => ({ value: k, label: t(`calendar.kinds.${k}`) }))}
                errors={addErrors("kind")}
              />
              <TextField label={t("calendar.fields.nameZh")} name="nameZh" required maxLength={40} placeholder={t("calendar.fields.nameZhPlaceholder")} defaultValue={(initial?.nameZh as string | undefined) ?? ""} errors={addErrors("nameZh")} />
              <TextField label={t("calendar.fields.nameEn")} name="nameEn" required maxLength={60} placeholder={t("calendar.fields.nameEnPlaceholder")} defaultValue={(initial?.nameEn as string | undefined) ?? ""} errors={addErrors("nameEn")} />
              <Button disabled={busy}>{t("calendar.add")}</Button>
            </Form>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
