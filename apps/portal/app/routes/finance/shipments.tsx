import { useTranslation } from "@cs/i18n/react";
import { listShipments, shipmentListQuery } from "@cs/domain";
import { DataTable, PageHeader } from "@cs/ui";
import { shipmentColumns, useTableLabels } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/shipments";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = shipmentListQuery.parse(searchParamsObject(request));
  return { page: await listShipments(ctx, query), query };
});

export default function Shipments({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const { page, query } = loaderData;
  return (
    <>
      <PageHeader title={t("billing.portal.shipments")} />
      <DataTable caption={t("billing.portal.shipments")} columns={shipmentColumns(t, i18n.language, "/finance/shipments")} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={labels} getRowId={(r) => r.id} />
    </>
  );
}
