import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { complaintListQuery, listComplaints } from "@cs/domain";
import { Alert, Card, PageHeader, buttonClass, formatDateTime } from "@cs/ui";
import { ComplaintBadges } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";

/** The partner's or customer's own complaints, unresolved first. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return await listComplaints(domainCtx(context, request), complaintListQuery.parse({ status: "all" }));
});

export default function MyComplaints({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const filed = search.get("filed");
  return (
    <>
      <PageHeader
        title={t("complaints.nav.portal")}
        actions={
          <Link to="/complaints/new" className={buttonClass("primary")}>
            {t("complaints.new")}
          </Link>
        }
      >
        <p className="max-w-3xl text-sm text-slate-600">{t("complaints.portalIntro")}</p>
      </PageHeader>
      {filed ? <Alert tone="success">{t("complaints.filed", { number: filed })}</Alert> : null}
      <Card>
        {loaderData.rows.length === 0 ? (
          <p className="text-sm text-slate-600">{t("complaints.empty")}</p>
        ) : (
          <ul className="divide-y divide-slate-100" aria-label={t("complaints.nav.portal")}>
            {loaderData.rows.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <Link to={`/complaints/${c.id}`} className="font-medium text-blue-800 underline">
                  {c.number} · {c.subject}
                </Link>
                <span className="flex items-center gap-2 text-slate-600">
                  {formatDateTime(c.createdAt, i18n.language)} <ComplaintBadges severity={c.severity} status={c.status} />
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </>
  );
}
