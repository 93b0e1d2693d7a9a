/** Columns and filter fields several stock lists show the same way. */
import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { SelectField, TextField } from "@cs/ui";
import { useLocalName } from "./shared";

type ProductNamed = { sku: string; nameZh: string; nameEn: string | null };

/** SKU and product name; `nameId` keeps each list's column id (saved column choices use it). */
export function productColumns<T extends ProductNamed>(t: TFunction, zh: boolean, nameId: "name" | "product" = "product"): ColumnDef<T, unknown>[] {
  return [
    { id: "sku", header: t("stock.fields.sku"), meta: { sortKey: "sku" }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.sku}</span> },
    { id: nameId, header: t("stock.fields.product"), meta: nameId === "name" ? { sortKey: "name" } : {}, cell: ({ row }) => localName(zh, row.original.nameZh, row.original.nameEn) },
  ];
}

/** On hand and reserved, right-aligned; `hidden` starts them hidden. */
export function levelColumns<T extends { onHand: number; reserved: number }>(t: TFunction, n: (v: number) => string, { sortable = true, hidden = false } = {}): ColumnDef<T, unknown>[] {
  const meta = (key: string) => ({ align: "right" as const, ...(sortable ? { sortKey: key } : {}), ...(hidden ? { defaultHidden: true } : {}) });
  return [
    { id: "onHand", header: t("stock.fields.onHand"), meta: meta("onHand"), cell: ({ row }) => n(row.original.onHand) },
    { id: "reserved", header: t("stock.fields.reserved"), meta: meta("reserved"), cell: ({ row }) => n(row.original.reserved) },
  ];
}

type Named = { id: string; nameZh: string; nameEn: string };

/** Search, warehouse and division: the first filters of the per-product stock lists. */
export function ProductStockFilters({ query, warehouses, divisions }: { query: { q?: string; warehouse?: string; division?: string }; warehouses: (Named & { code: string })[]; divisions: Named[] }) {
  const { t } = useTranslation();
  const name = useLocalName();
  return (
    <>
      <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("stock.byProduct.searchPlaceholder")} />
      <SelectField
        label={t("stock.fields.warehouse")}
        name="warehouse"
        defaultValue={query.warehouse ?? ""}
        placeholder={t("stock.allWarehouses")}
        options={warehouses.map((w) => ({ value: w.id, label: `${w.code} ${name(w)}` }))}
      />
      <SelectField label={t("stock.fields.division")} name="division" defaultValue={query.division ?? ""} placeholder={t("product.allDivisions")} options={divisions.map((d) => ({ value: d.id, label: name(d) }))} />
    </>
  );
}

/** The location-kind filter; `label` words a kind where a list needs its own (partner stock held at ours). */
export function LocationKindSelect({ kinds, value, label }: { kinds: readonly string[]; value?: string; label?: (kind: string) => string }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t("stock.fields.kind")}
      name="kind"
      defaultValue={value ?? ""}
      placeholder={t("common.all")}
      options={kinds.map((k) => ({ value: k, label: label?.(k) ?? t(`stock.kinds.${k}`) }))}
    />
  );
}
