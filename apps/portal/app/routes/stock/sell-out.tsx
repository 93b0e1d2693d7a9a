import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, redirect } from "react-router";
import { can, listMyDocuments, myDocumentsQuery, reportSellOut, sellOutOptions } from "@cs/domain";
import { Button, Card, DataTable, PageHeader, TextField, TIME_ZONE } from "@cs/ui";
import { useTableLabels, type ActionResult, submittedValue, FormKeys } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/sell-out";
import { useDocumentColumns } from "./document-columns";
import { StockFormAlert, useStockErrors } from "./form-errors";
import { LinesFieldset, MoreLinesButton, rowsFrom } from "./lines-fieldset";
import { DEFAULT_ROWS } from "./lines";
import { linesActionError, moreRowsReply, optional, readLines } from "./lines.server";
import { OwnedList } from "./owned-list";
import { StockTabs } from "./tabs";

/** The partner's sell-out reports, and (with own_stock:sell_out) the form to report one. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = myDocumentsQuery.parse(searchParamsObject(request));
  const [page, options] = await Promise.all([
    listMyDocuments(ctx, "sell_out", query),
    can(ctx.actor, "own_stock:sell_out") ? sellOutOptions(ctx) : Promise.resolve(null),
  ]);
  // Today in Shanghai, computed here so server and browser render the same default.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: TIME_ZONE }).format(new Date());
  return { page, query, options, today, formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  if (form.get("intent") === "more") return moreRowsReply(form);
  const { lines, rowOf } = readLines(form, true);
  try {
    const { id } = await reportSellOut(ctx, {
      _key: form.get("_key"),
      soldOn: optional(form, "soldOn") ?? "",
      customerName: optional(form, "customerName"),
      lines,
    });
    return redirect(`/stock/sell-out/${id}?done=submitted`);
  } catch (error) {
    return linesActionError(error, form, rowOf);
  }
});

export default function SellOut({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const labels = useTableLabels();
  const columns = useDocumentColumns("sellOut", "/stock/sell-out");
  const { page, query, options, today, formKey } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const { field } = useStockErrors(result);
  const value = submittedValue(result);
  return (
    <>
      <PageHeader title={t("myStock.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("myStock.sellOut.intro")}</p>
      </PageHeader>
      <StockTabs />
      {options ? (
        <Card title={t("myStock.sellOut.new")} className="mb-4">
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <FormKeys formKey={formKey} />
            <div className="empty:hidden sm:col-span-3">
              <StockFormAlert result={result} />
            </div>
            <TextField label={t("myStock.sellOut.soldOn")} name="soldOn" type="date" required max={today} defaultValue={value("soldOn") ?? today} errors={field("soldOn")} />
            <TextField label={t("myStock.sellOut.customerName")} name="customerName" maxLength={100} defaultValue={value("customerName")} errors={field("customerName")} />
            <div className="sm:col-span-3">
              <OwnedList id="sell-out-skus" title={t("myStock.sellOut.owned")} empty={t("myStock.sellOut.noOwned")} owned={options.owned} />
            </div>
            <LinesFieldset rows={rowsFrom(result, DEFAULT_ROWS)} result={result} withSerials skuList="sell-out-skus" legend={t("myStock.sellOut.lines")} />
            <div className="flex gap-2 sm:col-span-3">
              <Button>{t("myStock.sellOut.submit")}</Button>
              <MoreLinesButton />
            </div>
          </Form>
        </Card>
      ) : null}
      <DataTable
        caption={t("myStock.sellOut.title")}
        columns={columns}
        data={page.rows}
        total={page.total}
        page={page.page}
        size={page.size}
        sort={query.sort}
        dir={query.dir}
        labels={labels}
        getRowId={(r) => r.id}
      />
    </>
  );
}
