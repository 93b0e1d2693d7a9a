import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { can, contractPriceQuery, listContractPrices } from "@cs/domain";
import { TextField, formatDate, formatMoney } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/contracts";
import { doneKey, PricingListTop } from "./tabs";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = contractPriceQuery.parse(searchParamsObject(request));
  return { page: await listContractPrices(ctx, query), query, canManage: can(ctx.actor, "pricing:manage"), done: doneKey(request) };
});

type Row = Route.ComponentProps["loaderData"]["page"]["rows"][number];

export default function ContractPrices({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query, canManage, done } = loaderData;
  const zh = i18n.language === "zh-CN";
  const columns: ColumnDef<Row, unknown>[] = [
    {
      id: "organization",
      header: t("pricing.contracts.organization"),
      meta: { sortKey: "organization" },
      cell: ({ row }) => (
        <div>
          <div className="font-mono text-xs">{row.original.organizationCode}</div>
          <div>{row.original.organizationName}</div>
        </div>
      ),
    },
    {
      id: "sku",
      header: t("pricing.contracts.sku"),
      meta: { sortKey: "sku" },
      cell: ({ row }) =>
        canManage ? (
          <Link to={`/pricing/contracts/${row.original.id}`} className="font-mono text-xs text-blue-700 underline">
            {row.original.sku}
          </Link>
        ) : (
          <span className="font-mono text-xs">{row.original.sku}</span>
        ),
    },
    { id: "product", header: t("pricing.contracts.product"), cell: ({ row }) => localName(zh, row.original.nameZh, row.original.nameEn) },
    { id: "contractNo", header: t("pricing.contracts.contractNo"), cell: ({ row }) => row.original.contractNo ?? "—" },
    { id: "minQuantity", header: t("pricing.contracts.minQuantity"), meta: { align: "right" }, cell: ({ row }) => row.original.minQuantity },
    { id: "unitPrice", header: t("pricing.contracts.unitPrice"), meta: { align: "right" }, cell: ({ row }) => formatMoney(row.original.unitPriceFen, i18n.language) },
    { id: "listPrice", header: t("pricing.contracts.listPrice"), meta: { align: "right", defaultHidden: true }, cell: ({ row }) => formatMoney(row.original.listPriceFen, i18n.language) },
    { id: "validFrom", header: t("pricing.contracts.validFrom"), meta: { sortKey: "validFrom" }, cell: ({ row }) => formatDate(row.original.validFrom, i18n.language) },
    { id: "validTo", header: t("pricing.contracts.validTo"), cell: ({ row }) => (row.original.validTo ? formatDate(row.original.validTo, i18n.language) : t("pricing.lists.open")) },
  ];
  return (
    <>
      <PricingListTop newTo="/pricing/contracts/new" newLabel={t("pricing.contracts.new")} canManage={canManage} done={done} />
      <FilterForm resetTo="/pricing/contracts" columns={3}>
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("pricing.contracts.searchPlaceholder")} />
      </FilterForm>
      <PagedTable caption={t("pricing.contracts.title")} columns={columns} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}
