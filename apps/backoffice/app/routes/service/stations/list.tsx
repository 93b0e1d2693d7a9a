import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { knowledgeFacets, listStations, stationListQuery, type StationRow } from "@cs/domain";
import { Badge, PageHeader, SelectField, TextField, formatNumber } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = stationListQuery.parse(searchParamsObject(request));
  const [page, facets] = await Promise.all([listStations(ctx, query), knowledgeFacets(ctx)]);
  return { page, query, divisions: facets.map((d) => ({ id: d.id, nameZh: d.nameZh, nameEn: d.nameEn })) };
});

export default function Stations({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query: q, divisions } = loaderData;
  const zh = i18n.language === "zh-CN";
  const divisionName = new Map(divisions.map((d) => [d.id, localName(zh, d.nameZh, d.nameEn)]));
  const columns: ColumnDef<StationRow, unknown>[] = [
    {
      id: "code",
      header: t("network.columns.code"),
      meta: { sortKey: "code" },
      cell: ({ row }) => (
        <Link to={`/service/stations/${row.original.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
          {row.original.code}
        </Link>
      ),
    },
    { id: "name", header: t("network.columns.name"), meta: { sortKey: "name" }, cell: ({ row }) => row.original.name },
    { id: "city", header: t("network.columns.city"), meta: { sortKey: "city" }, cell: ({ row }) => row.original.city ?? "—" },
    { id: "cities", header: t("network.columns.cities"), cell: ({ row }) => row.original.cities.join("、") || "—" },
    { id: "divisions", header: t("network.columns.divisions"), cell: ({ row }) => row.original.divisionIds.map((id) => divisionName.get(id) ?? "?").join("、") || "—" },
    { id: "capacity", header: t("network.columns.capacity"), meta: { sortKey: "capacity", align: "right" }, cell: ({ row }) => (row.original.capacityPerDay === null ? "—" : formatNumber(row.original.capacityPerDay, i18n.language)) },
    { id: "load", header: t("network.columns.load"), meta: { sortKey: "load", align: "right" }, cell: ({ row }) => formatNumber(row.original.load, i18n.language) },
    { id: "technicians", header: t("network.columns.technicians"), meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.technicians, i18n.language) },
    {
      id: "status",
      header: t("network.columns.status"),
      cell: ({ row }) =>
        !row.original.hasProfile ? (
          <Badge tone="amber">{t("network.noProfile")}</Badge>
        ) : row.original.active ? (
          <Badge tone="green">{t("network.active")}</Badge>
        ) : (
          <Badge>{t("network.inactive")}</Badge>
        ),
    },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t("network.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("network.intro")}</p>
      </PageHeader>
      <FilterForm resetTo="/service/stations" sort={q.sort} dir={q.dir} size={q.size} columns={4}>
        <TextField label={t("common.search")} name="q" type="search" defaultValue={q.q ?? ""} />
        <TextField label={t("network.columns.cities")} name="city" defaultValue={q.city ?? ""} />
        <SelectField label={t("network.columns.divisions")} name="division" defaultValue={q.division ?? ""} placeholder={t("common.all")} options={divisions.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
      </FilterForm>
      <PagedTable caption={t("network.title")} columns={columns} page={page} query={q} getRowId={(r) => r.id} />
    </div>
  );
}
