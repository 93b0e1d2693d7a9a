import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { listWarrantyContracts, warrantyListQuery, type WarrantyContractRow } from "@cs/domain";
import { Badge, CheckboxField, PageHeader, SelectField, TextField } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = warrantyListQuery.parse(searchParamsObject(request));
  return { page: await listWarrantyContracts(ctx, query), query };
});

export default function WarrantyContracts({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query: q } = loaderData;
  const zh = i18n.language === "zh-CN";
  const columns: ColumnDef<WarrantyContractRow, unknown>[] = [
    {
      id: "serial",
      header: t("network.warranty.serial"),
      meta: { sortKey: "serial" },
      cell: ({ row }) => (
        <Link to={`/service/history?serial=${encodeURIComponent(row.original.serial)}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
          {row.original.serial}
        </Link>
      ),
    },
    { id: "product", header: t("network.warranty.product"), cell: ({ row }) => `${row.original.sku} ${localName(zh, row.original.productZh, row.original.productEn)}` },
    { id: "kind", header: t("network.warranty.kind"), cell: ({ row }) => <Badge tone={row.original.kind === "extended" ? "blue" : "slate"}>{t(`network.warranty.kinds.${row.original.kind}`)}</Badge> },
    { id: "source", header: t("network.warranty.source"), cell: ({ row }) => t(`network.warranty.sources.${row.original.source}`) },
    { id: "startsOn", header: t("network.warranty.startsOn"), meta: { sortKey: "startsOn" }, cell: ({ row }) => row.original.startsOn },
    { id: "endsOn", header: t("network.warranty.endsOn"), meta: { sortKey: "endsOn" }, cell: ({ row }) => row.original.endsOn },
    { id: "current", header: t("network.warranty.current"), cell: ({ row }) => (row.original.current ? <Badge tone="green">{t("common.yes")}</Badge> : t("common.no")) },
    { id: "order", header: t("network.warranty.order"), cell: ({ row }) => <span className="font-mono text-xs">{row.original.orderNumber ?? "—"}</span> },
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t("network.warranty.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("network.warranty.intro")}</p>
      </PageHeader>
      <FilterForm resetTo="/service/warranty" sort={q.sort} dir={q.dir} size={q.size} columns={5}>
        <TextField label={t("network.warranty.serial")} name="serial" type="search" defaultValue={q.serial ?? ""} />
        <SelectField label={t("network.warranty.kind")} name="kind" defaultValue={q.kind ?? ""} placeholder={t("common.all")} options={(["standard", "extended"] as const).map((k) => ({ value: k, label: t(`network.warranty.kinds.${k}`) }))} />
        <SelectField
          label={t("network.warranty.source")}
          name="source"
          defaultValue={q.source ?? ""}
          placeholder={t("common.all")}
          options={(["sell_out", "registration", "shipment_grace", "extended_order"] as const).map((s) => ({ value: s, label: t(`network.warranty.sources.${s}`) }))}
        />
        <div className="flex items-end">
          <CheckboxField label={t("network.warranty.currentOnly")} name="current" value="1" defaultChecked={q.current} />
        </div>
      </FilterForm>
      <PagedTable caption={t("network.warranty.title")} columns={columns} page={page} query={q} getRowId={(r) => r.id} />
    </div>
  );
}
