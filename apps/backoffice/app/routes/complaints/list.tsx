import { useTranslation } from "@cs/i18n/react";
import { useEffect, useState } from "react";
import { Form, Link, useSearchParams } from "react-router";
import { complaintListQuery, listComplaints } from "@cs/domain";
import { Alert, Button, Card, PageHeader, SelectField, buttonClass, formatDateTime } from "@cs/ui";
import { ComplaintBadges, SlaClock } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";

/** Complaints in the staff's scope with their SLA clock: unresolved first, most urgent deadline first. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const q = complaintListQuery.parse(searchParamsObject(request));
  return { page: await listComplaints(domainCtx(context, request), q), q, now: Date.now() };
});

export default function Complaints({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const { page, q } = loaderData;
  // the clock moves on in the browser between loads
  const [now, setNow] = useState(loaderData.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, [loaderData.now]);
  const filed = search.get("filed");
  return (
    <>
      <PageHeader
        title={t("complaints.title")}
        actions={
          <Link to="/complaints/new" className={buttonClass("primary")}>
            {t("complaints.staffNew")}
          </Link>
        }
      >
        <p className="max-w-3xl text-sm text-slate-600">{t("complaints.intro")}</p>
      </PageHeader>
      {filed ? <Alert tone="success">{t("complaints.filed", { number: filed })}</Alert> : null}
      <Form method="get" className="mb-3 flex flex-wrap items-end gap-3">
        <SelectField
          label={t("complaints.fields.status")}
          name="status"
          defaultValue={q.status}
          options={(["active", "open", "in_progress", "resolved", "all"] as const).map((s) => ({ value: s, label: t(`complaints.filters.${s}`) }))}
        />
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" name="overdue" value="1" defaultChecked={q.overdue} className="h-4 w-4" />
          {t("complaints.filters.overdue")}
        </label>
        <Button>{t("common.filter")}</Button>
      </Form>
      <Card>
        {page.rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("complaints.empty")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-sm">
              <caption className="sr-only">{t("complaints.title")}</caption>
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  {(["number", "party", "category", "status", "owner", "sla", "createdAt"] as const).map((k) => (
                    <th key={k} scope="col" className="px-2 py-1">
                      {t(`complaints.fields.${k}`)}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.rows.map((c) => (
                  <tr key={c.id} className="border-t border-slate-100">
                    <td className="px-2 py-1">
                      <Link to={`/complaints/${c.id}`} className="font-mono text-blue-800 underline">
                        {c.number}
                      </Link>
                      <div className="text-xs text-slate-600">{c.subject}</div>
                    </td>
                    <td className="px-2 py-1">{c.partyName ?? "—"}</td>
                    <td className="px-2 py-1">{t(`complaints.categories.${c.category}`)}</td>
                    <td className="px-2 py-1">
                      <ComplaintBadges severity={c.severity} status={c.status} />
                    </td>
                    <td className="px-2 py-1">{c.ownerName ?? "—"}</td>
                    <td className="px-2 py-1">
                      {c.resolvedAt ? (
                        <span className={new Date(c.resolvedAt) <= new Date(c.dueAt) ? "text-green-800" : "text-red-700"}>
                          {t(new Date(c.resolvedAt) <= new Date(c.dueAt) ? "complaints.sla.met" : "complaints.sla.missed")}
                        </span>
                      ) : (
                        <SlaClock due={c.dueAt} now={now} t={t} locale={i18n.language} />
                      )}
                    </td>
                    <td className="px-2 py-1 text-slate-600">{formatDateTime(c.createdAt, i18n.language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
