import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listRepairRequests, repairListQuery, serviceDeskOptions } from "@cs/domain";
import { repairStatuses } from "@cs/domain/shared/schema-vocabulary";
import { CheckboxField, PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { deskColumns } from "./columns";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const q = repairListQuery.parse(searchParamsObject(request, ["status"]));
  const [page, options] = await Promise.all([listRepairRequests(ctx, q), serviceDeskOptions(ctx)]);
  return { page, options, query: q, now: Date.now() };
});

/** The service desk: every repair request on the DataTable, filtered in SQL, most urgent SLA first. */
export default function ServiceDesk({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, options, query: q, now } = loaderData;
  const zh = i18n.language === "zh-CN";
  const divisionName = (id: string | null) => {
    const d = options.divisions.find((x) => x.id === id);
    return d ? localName(zh, d.nameZh, d.nameEn) : "—";
  };
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("service.desk.title")}
        actions={
          <div className="flex gap-2">
            <Link to="/service/calendar" className={buttonClass("secondary")}>
              {t("calendar.nav")}
            </Link>
            <Link to="/service/settlements" className={buttonClass("secondary")}>
              {t("service.settlements.nav")}
            </Link>
          </div>
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("service.desk.intro")}</p>
      </PageHeader>
      <FilterForm resetTo="/service/requests" sort={q.sort} dir={q.dir} size={q.size} columns={5}>
        <TextField label={t("common.search")} name="q" type="search" defaultValue={q.q ?? ""} />
        <SelectField
          label={t("service.fields.status")}
          name="status"
          defaultValue={q.status[0] ?? ""}
          placeholder={t("common.all")}
          options={repairStatuses.map((s) => ({ value: s, label: t(`service.statuses.${s}`) }))}
        />
        <SelectField
          label={t("service.fields.station")}
          name="stationId"
          defaultValue={q.stationId ?? ""}
          placeholder={t("service.desk.allStations")}
          options={[{ value: "none", label: t("service.desk.unassigned") }, ...options.stations.map((s) => ({ value: s.id, label: `${s.city ?? ""} · ${s.name}` }))]}
        />
        <TextField label={t("service.fields.city")} name="city" defaultValue={q.city ?? ""} />
        <SelectField
          label={t("service.fields.division")}
          name="divisionId"
          defaultValue={q.divisionId ?? ""}
          placeholder={t("common.all")}
          options={options.divisions.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))}
        />
        <CheckboxField label={t("service.desk.breachedOnly")} name="breached" value="1" defaultChecked={q.breached === "1"} />
      </FilterForm>
      <PagedTable caption={t("service.desk.title")} columns={deskColumns(t, i18n.language, now, divisionName)} page={page} query={q} getRowId={(r) => r.id} />
    </div>
  );
}
