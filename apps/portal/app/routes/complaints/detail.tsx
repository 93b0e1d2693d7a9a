import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { getComplaint } from "@cs/domain";
import { Alert, Card, PageHeader } from "@cs/ui";
import { ComplaintBadges, ComplaintFacts } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";

/** One of the partner's or customer's own complaints; another's id is not found. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const d = await getComplaint(domainCtx(context, request), params.id);
  return { complaint: d.complaint, orderNumber: d.orderNumber, repairNumber: d.repairNumber };
});

export default function ComplaintDetail({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { complaint: c, orderNumber, repairNumber } = loaderData;
  return (
    <div className="space-y-4">
      <PageHeader title={t("complaints.detailTitle", { number: c.number })} actions={<Link to="/complaints" className="text-sm text-blue-700 hover:underline">{t("complaints.back")}</Link>}>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <span className="font-medium">{c.subject}</span>
          <ComplaintBadges severity={c.severity} status={c.status} />
        </div>
      </PageHeader>
      {c.resolution ? (
        <Alert tone="success">{t("complaints.answer", { text: c.resolution })}</Alert>
      ) : null}
      <Card>
        <ComplaintFacts
          c={c}
          extra={[
            ...(orderNumber ? ([[t("complaints.fields.order"), orderNumber]] as [string, string][]) : []),
            ...(repairNumber ? ([[t("complaints.fields.repair"), repairNumber]] as [string, string][]) : []),
          ]}
        />
      </Card>
    </div>
  );
}
