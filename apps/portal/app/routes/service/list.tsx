import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { requireActor } from "@cs/auth/server";
import { listRepairRequests, repairListQuery } from "@cs/domain";
import { Alert, PageHeader, buttonClass } from "@cs/ui";
import { PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { repairColumns } from "./columns";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const q = repairListQuery.parse({ sort: "createdAt", dir: "desc", ...searchParamsObject(request, ["status"]) });
  return { page: await listRepairRequests(domainCtx(context, request), q), query: q, mayFile: actor.permissions.has("own_service:file"), isCustomer: actor.kind === "customer" };
});

/** The repair requests this user may see: a customer its own, a dealer those it filed, a station those assigned to it. */
export default function RepairRequests({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query: q, mayFile, isCustomer } = loaderData;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("service.requests.title")}
        actions={
          <div className="flex gap-2">
            {isCustomer ? (
              <Link to="/service/devices" className={buttonClass("secondary")}>
                {t("service.devices.title")}
              </Link>
            ) : null}
            {mayFile ? (
              <Link to="/service/requests/new" className={buttonClass()}>
                {t("service.newRequest")}
              </Link>
            ) : null}
          </div>
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("service.requests.intro")}</p>
      </PageHeader>
      {q.claimable || q.breached ? (
        <Alert tone="info">
          {t(q.claimable ? "service.requests.onlyClaimable" : "service.requests.onlyBreached")}{" "}
          <Link to="/service/requests" className="font-medium underline">
            {t("service.requests.showAll")}
          </Link>
        </Alert>
      ) : null}
      <PagedTable caption={t("service.requests.title")} columns={repairColumns(t, i18n.language)} page={page} query={q} getRowId={(r) => r.id} />
    </div>
  );
}
