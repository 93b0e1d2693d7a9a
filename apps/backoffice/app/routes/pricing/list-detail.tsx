import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Form, redirect } from "react-router";
import { can, listPriceListItems, priceListItemQuery, removePriceListItem, savePriceList, setPriceListItem } from "@cs/domain";
import { Alert, Button, Card, PageHeader, TextField, formatMoney } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult, FilterForm, PagedTable } from "@cs/web";
import { actionError, domainCtx, searchParamsObject, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/list-detail";
import { BREAK_ROWS } from "./breaks";
import { readBreaks } from "./breaks.server";
import { PriceListForm } from "./list-form";
import { doneKey, PricingTabs } from "./tabs";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = priceListItemQuery.parse(searchParamsObject(request));
  const { list, page } = await listPriceListItems(ctx, params.id, query);
  return { list, page, query, canManage: can(ctx.actor, "pricing:manage"), done: doneKey(request) };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "item") {
    const { input, remap } = readBreaks(form);
    try {
      await setPriceListItem(ctx, params.id, input);
      return redirect(`/pricing/lists/${params.id}?done=saved&q=${encodeURIComponent(input.sku)}`);
    } catch (error) {
      return actionError(remap(error), form);
    }
  }
  try {
    if (intent === "remove") {
      await removePriceListItem(ctx, params.id, { productId: form.get("productId") });
      return redirect(`/pricing/lists/${params.id}?done=deleted`);
    }
    await savePriceList(ctx, params.id, readForm(form));
    return redirect(`/pricing/lists/${params.id}?done=saved`);
  } catch (error) {
    return actionError(error, form);
  }
});

type Row = Route.ComponentProps["loaderData"]["page"]["rows"][number];

export default function PriceListDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { list, page, query, canManage, done } = loaderData;
  const zh = i18n.language === "zh-CN";
  // Both forms post here; the hidden intent comes back in initialValue and says whose errors these are.
  const result = (actionData ?? null) as ActionResult;
  const itemResult = result?.initialValue?.intent === "item" ? result : null;
  const listResult = result && !itemResult ? result : null;
  const field = useFieldErrors(itemResult);
  const back = (name: string) => (typeof itemResult?.initialValue?.[name] === "string" ? (itemResult.initialValue[name] as string) : undefined);
  const columns: ColumnDef<Row, unknown>[] = [
    { id: "sku", header: t("pricing.lists.sku"), meta: { sortKey: "sku" }, cell: ({ row }) => <span className="font-mono text-xs">{row.original.sku}</span> },
    { id: "product", header: t("pricing.lists.product"), cell: ({ row }) => localName(zh, row.original.nameZh, row.original.nameEn) },
    { id: "listPrice", header: t("pricing.lists.listPrice"), meta: { align: "right" }, cell: ({ row }) => formatMoney(row.original.listPriceFen, i18n.language) },
    {
      id: "breaks",
      header: t("pricing.lists.priceBreaks"),
      meta: { align: "right" },
      cell: ({ row }) => (
        <ul className="tabular-nums">
          {row.original.breaks.map((b) => (
            <li key={b.minQuantity}>{t("pricing.lists.fromQty", { count: b.minQuantity, price: formatMoney(b.unitPriceFen, i18n.language) })}</li>
          ))}
        </ul>
      ),
    },
    ...(canManage
      ? [
          {
            id: "actions",
            header: "",
            cell: ({ row }) => (
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="remove" />
                <input type="hidden" name="productId" value={row.original.productId} />
                <Button variant="ghost" className="px-2 py-1 text-xs" aria-label={t("pricing.lists.removeOf", { sku: row.original.sku })}>
                  {t("pricing.lists.remove")}
                </Button>
              </Form>
            ),
          } satisfies ColumnDef<Row, unknown>,
        ]
      : []),
  ];
  return (
    <>
      <PageHeader title={`${list.code} · ${localName(zh, list.nameZh, list.nameEn)}`} />
      <PricingTabs />
      {done ? (
        <div className="mb-4">
          <Alert tone="success">{t(done)}</Alert>
        </div>
      ) : null}
      {!canManage ? (
        <div className="mb-4">
          <Alert tone="info">{t("pricing.readOnly")}</Alert>
        </div>
      ) : null}
      <PriceListForm values={list} result={listResult} disabled={!canManage} />
      {canManage ? (
        <Card title={t("pricing.lists.setItem")} className="mb-4">
          <Form method="post" className="space-y-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="item" />
            <p className="text-sm text-slate-600">{t("pricing.lists.setItemHint")}</p>
            <FormAlert result={itemResult} />
            <TextField label={t("pricing.lists.sku")} name="sku" required className="max-w-xs" defaultValue={back("sku")} errors={field("sku")} />
            <fieldset className="grid gap-2 sm:grid-cols-2">
              <legend className="sr-only">{t("pricing.lists.priceBreaks")}</legend>
              {Array.from({ length: BREAK_ROWS }, (_, i) => (
                <div key={i} className="contents">
                  <TextField label={`${t("pricing.lists.breakRow", { n: i + 1 })} · ${t("pricing.lists.minQuantity")}`} name={`breaks.${i}.minQuantity`} inputMode="numeric" defaultValue={back(`breaks.${i}.minQuantity`) ?? (i === 0 ? "1" : "")} errors={field(`breaks.${i}.minQuantity`)} />
                  <TextField label={`${t("pricing.lists.breakRow", { n: i + 1 })} · ${t("pricing.lists.price")}`} name={`breaks.${i}.price`} inputMode="decimal" defaultValue={back(`breaks.${i}.price`)} errors={field(`breaks.${i}.price`)} />
                </div>
              ))}
            </fieldset>
            {field("breaks") ? <p className="text-sm text-red-700" role="alert">{field("breaks")!.join(" ")}</p> : null}
            <Button>{t("pricing.lists.saveItem")}</Button>
          </Form>
        </Card>
      ) : null}
      <FilterForm resetTo={`/pricing/lists/${list.id}`} columns={3}>
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("pricing.lists.itemsSearch")} />
      </FilterForm>
      <PagedTable caption={t("pricing.lists.items")} columns={columns} page={page} query={query} getRowId={(r) => r.productId} />
    </>
  );
}
