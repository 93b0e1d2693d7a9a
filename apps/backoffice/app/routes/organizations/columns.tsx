import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { OrganizationRow } from "@cs/domain";
import { Badge, formatMoney } from "@cs/ui";

const statusTone = { active: "green", inactive: "slate", on_hold: "amber" } as const;

/** Column ids are also the `cols` search-param values and the CSV header keys. */
export function organizationColumns(t: TFunction, locale: string): ColumnDef<OrganizationRow, unknown>[] {
  return [
    { id: "code", header: t("org.fields.code"), meta: { sortKey: "code" }, cell: ({ row }) => row.original.code },
    {
      id: "name",
      header: t("org.fields.name"),
      meta: { sortKey: "name" },
      cell: ({ row }) => (
        <Link to={`/organizations/${row.original.id}`} className="font-medium text-blue-800 hover:underline">
          {row.original.name}
        </Link>
      ),
    },
    { id: "kind", header: t("org.fields.kind"), meta: { sortKey: "kind" }, cell: ({ row }) => t(`org.kinds.${row.original.kind}`) },
    { id: "branch", header: t("org.fields.branch"), cell: ({ row }) => row.original.branchName ?? "—" },
    { id: "owner", header: t("relations.owner.label"), cell: ({ row }) => row.original.ownerName ?? "—" },
    { id: "parent", header: t("org.fields.parent"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.parentName ?? "—" },
    { id: "region", header: t("org.fields.region"), meta: { defaultHidden: true }, cell: ({ row }) => (row.original.region ? t(`org.regions.${row.original.region}`) : "—") },
    { id: "city", header: t("org.fields.city"), meta: { sortKey: "city" }, cell: ({ row }) => row.original.city ?? "—" },
    { id: "tier", header: t("org.fields.tier"), meta: { sortKey: "tier" }, cell: ({ row }) => (row.original.tier ? t(`org.tiers.${row.original.tier}`) : "—") },
    { id: "taxId", header: t("org.fields.taxId"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.taxId ?? "—" },
    { id: "phone", header: t("org.fields.phone"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.phone ?? "—" },
    {
      id: "creditLimit",
      header: t("org.fields.creditLimit"),
      meta: { sortKey: "creditLimit", align: "right" },
      cell: ({ row }) => formatMoney(row.original.creditLimitFen, locale),
    },
    {
      id: "status",
      header: t("org.fields.status"),
      meta: { sortKey: "status" },
      cell: ({ row }) => <Badge tone={statusTone[row.original.status]}>{t(`org.statuses.${row.original.status}`)}</Badge>,
    },
  ];
}
