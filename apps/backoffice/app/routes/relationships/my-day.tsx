import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { DORMANT_DAYS, NotFoundError, myDay } from "@cs/domain";
import { Alert, Card, PageHeader, formatDate } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/my-day";
import { TaskLine } from "./panels";
import { runRelationshipIntent } from "./intents.server";

/** 我的今日: the signed-in salesperson's tasks due today, overdue ones, and accounts gone quiet. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const day = await myDay(ctx);
  if (!day) throw new NotFoundError("my-day");
  return { day, dormantDays: DORMANT_DAYS, now: new Date().toISOString() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  // Only "taskDone" is posted here; the others need an account and are refused without one.
  if (form.get("intent") !== "taskDone") throw new Response(null, { status: 400 });
  return runRelationshipIntent(ctx, null, form, "/my-day");
});

export default function MyDayPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const done = params.get("done");
  const { day } = loaderData;
  const now = new Date(loaderData.now);
  const result = (actionData ?? undefined) as ActionResult;
  const section = (title: string, empty: string, tasks: typeof day.today) => (
    <Card title={`${title} (${tasks.length})`}>
      {tasks.length === 0 ? (
        <p className="text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {tasks.map((task) => (
            <TaskLine key={task.id} task={task} now={now} showOrganization />
          ))}
        </ul>
      )}
    </Card>
  );
  return (
    <>
      <PageHeader title={t("relations.myDay.title")}>
        <p className="mt-1 text-slate-600">{formatDate(now, i18n.language)}</p>
      </PageHeader>
      {done ? <Alert tone="success">{t(done)}</Alert> : null}
      {result?.status === "error" ? <Alert>{t("errors.validation")}</Alert> : null}
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {section(t("relations.myDay.overdue"), t("relations.myDay.nothingOverdue"), day.overdue)}
        {section(t("relations.myDay.today"), t("relations.myDay.nothingToday"), day.today)}
        <Card title={`${t("relations.myDay.dormant")} (${day.dormant.length})`} className="lg:col-span-2">
          <p className="mb-2 text-xs text-slate-500">{t("relations.myDay.dormantHint", { days: loaderData.dormantDays })}</p>
          {day.dormant.length === 0 ? (
            <p className="text-sm text-slate-600">{t("relations.myDay.nothingDormant")}</p>
          ) : (
            <ul className="divide-y divide-slate-100">
              {day.dormant.map((org) => (
                <li key={org.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                  <Link to={`/organizations/${org.id}`} className="font-medium text-blue-800 underline">
                    {org.name}
                  </Link>
                  <span className="text-slate-500">
                    {org.lastContactAt ? t("relations.myDay.lastContact", { when: formatDate(org.lastContactAt, i18n.language) }) : t("relations.myDay.neverContacted")}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
