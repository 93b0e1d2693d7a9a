import { randomUUID } from "node:crypto";
import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, data, useNavigation } from "react-router";
import { addLinesToCart, browseCatalog, catalogQuery, listCatalogueTree, ValidationError, type CatalogRow } from "@cs/domain";
import { Alert, Button, DataTable, PageHeader, SelectField, TextField, buttonClass, formatMoney } from "@cs/ui";
import { CsrfInput, FormAlert, useTableLabels, FilterForm } from "@cs/web";
import { actionError, domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/index";
import { AvailabilityBadge } from "./availability";
import { PriceWhy } from "./price-why";
import { hasKey } from "@cs/domain/shared/keys";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = catalogQuery.parse(searchParamsObject(request));
  const [page, tree] = await Promise.all([browseCatalog(ctx, query), listCatalogueTree(ctx)]);
  // One catalogue for every partner: who may order sees its price and an add button, a station the warranty terms.
  return { page, query, tree, formKey: randomUUID(), canOrder: ctx.actor.permissions.has("own_order:place") };
});

/** Add to cart: one product and quantity per row form; the server prices it, never the page. */
export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const productId = String(form.get("productId") ?? "");
  const quantity = Number(String(form.get("quantity") ?? "").trim() || NaN);
  try {
    await addLinesToCart(ctx, [{ productId, quantity }], String(form.get("_key") ?? ""));
    return { status: "added" as const, productId, sku: String(form.get("sku") ?? "") };
  } catch (error) {
    if (error instanceof ValidationError) {
      const messages = Object.values(error.fieldErrors).flat();
      return data({ status: "lineError" as const, productId, messages }, { status: 400 });
    }
    return actionError(error, form);
  }
});

function AddToCart({ row, formKey, index, error }: { row: CatalogRow; formKey: string; index: number; error: string[] | null }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle" && navigation.formData?.get("productId") === row.id;
  const inputId = `qty-${row.id}`;
  return (
    <Form method="post" className="flex items-start justify-end gap-1">
      <CsrfInput />
      <input type="hidden" name="_key" value={`${formKey}-${index}`} />
      <input type="hidden" name="productId" value={row.id} />
      <input type="hidden" name="sku" value={row.sku} />
      <div>
        <label htmlFor={inputId} className="sr-only">
          {t("catalog.add.quantityOf", { sku: row.sku })}
        </label>
        <input
          id={inputId}
          name="quantity"
          inputMode="numeric"
          defaultValue="1"
          size={4}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${inputId}-error` : undefined}
          className="w-16 rounded-md border border-slate-300 px-2 py-1 text-right text-sm tabular-nums"
        />
        {error ? (
          <p id={`${inputId}-error`} role="alert" className="mt-1 max-w-40 text-xs text-red-700">
            {error.map((k) => t(k)).join(" ")}
          </p>
        ) : null}
      </div>
      <Button disabled={busy} className="px-2 py-1 text-xs">
        {t("catalog.add.submit")}
      </Button>
    </Form>
  );
}

export default function Catalog({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const labels = useTableLabels();
  const zh = i18n.language === "zh-CN";
  const { page, query, tree, formKey, canOrder } = loaderData;
  const result = actionData && hasKey(actionData, "status") ? actionData : null;
  const lines = tree.flatMap((d) => d.lines.filter((l) => !query.division || l.divisionId === query.division));
  const columns: ColumnDef<CatalogRow, unknown>[] = [
    { id: "sku", header: t("catalog.columns.sku"), meta: { sortKey: "sku" }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.sku}</span> },
    {
      id: "name",
      header: t("catalog.columns.product"),
      meta: { sortKey: "name", phoneTitle: true },
      cell: ({ row }) => (
        <div>
          <div>{localName(zh, row.original.nameZh, row.original.nameEn)}</div>
          <div className="text-xs text-slate-500">{localName(zh, row.original.lineZh, row.original.lineEn)}</div>
        </div>
      ),
    },
    { id: "listPrice", header: t("catalog.columns.listPrice"), meta: { align: "right", defaultHidden: canOrder }, cell: ({ row }) => formatMoney(row.original.listPriceFen, i18n.language) },
    ...(canOrder ? [{ id: "price", header: t("catalog.columns.yourPrice"), meta: { align: "right" }, cell: ({ row }) => (row.original.price ? <PriceWhy price={row.original.price} /> : "—") } satisfies ColumnDef<CatalogRow, unknown>] : []),
    {
      id: "availability",
      header: t("catalog.columns.availability"),
      meta: { align: "right" },
      cell: ({ row }) =>
        row.original.extendedWarrantyMonths ? <span className="text-xs text-slate-600">{t("network.extendedWarranty.noStock")}</span> : <AvailabilityBadge value={row.original.availability} />,
    },
    {
      id: "warranty",
      header: t("product.warranty"),
      meta: { align: "right", defaultHidden: canOrder },
      cell: ({ row }) => (
        <span>
          {row.original.warrantyMonths > 0 ? t("product.months", { count: row.original.warrantyMonths }) : t("product.noWarranty")}
          {row.original.serialized ? <span className="block text-xs text-slate-500">{t("product.serialized")}</span> : null}
        </span>
      ),
    },
    ...(canOrder
      ? [
          {
            id: "order",
            header: t("catalog.columns.order"),
            meta: { align: "right" },
            cell: ({ row }) => <AddToCart row={row.original} formKey={formKey} index={row.index} error={result?.status === "lineError" && result.productId === row.original.id ? result.messages : null} />,
          } satisfies ColumnDef<CatalogRow, unknown>,
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={canOrder ? t("catalog.title") : t("nav.products")}
        actions={
          canOrder ? (
            <div className="flex gap-2">
              <Link to="/cart/quick-order" className={buttonClass("secondary")}>
                {t("catalog.cart.quickOrder")}
              </Link>
              <Link to="/cart" className={buttonClass("secondary")}>
                {t("catalog.cart.nav")}
              </Link>
            </div>
          ) : null
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{canOrder ? t("catalog.intro") : t("catalog.introBrowse")}</p>
      </PageHeader>
      {result?.status === "error" ? (
        <div className="mb-4">
          <FormAlert result={result} />
        </div>
      ) : null}
      {result?.status === "added" ? (
        <div className="mb-4">
          <Alert tone="success">
            {t("catalog.add.added", { sku: result.sku })}{" "}
            <Link to="/cart" className="underline">
              {t("catalog.add.goToCart")}
            </Link>
          </Alert>
        </div>
      ) : null}
      <FilterForm resetTo="/catalog" className="sm:grid-cols-4">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("catalog.searchPlaceholder")} />
        <SelectField label={t("product.division")} name="division" defaultValue={query.division ?? ""} placeholder={t("product.allDivisions")} options={tree.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
        <SelectField label={t("product.line")} name="line" defaultValue={query.line ?? ""} placeholder={t("product.allLines")} options={lines.map((l) => ({ value: l.id, label: localName(zh, l.nameZh, l.nameEn) }))} />
      </FilterForm>
      <DataTable caption={canOrder ? t("catalog.title") : t("nav.products")} columns={columns} data={page.rows} total={page.total} page={page.page} size={page.size} sort={query.sort} dir={query.dir} labels={labels} getRowId={(r) => r.id} />
    </>
  );
}
