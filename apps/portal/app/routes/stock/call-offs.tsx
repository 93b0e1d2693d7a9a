import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect } from "react-router";
import { callOffOptions, can, listMyDocuments, myDocumentsQuery, requestCallOff } from "@cs/domain";
import { Alert, Button, Card, DataTable, PageHeader, SelectField, TextField } from "@cs/ui";
import { useTableLabels, type ActionResult, submittedValue, FormKeys } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/call-offs";
import { useDocumentColumns } from "./document-columns";
import { StockFormAlert, useStockErrors } from "./form-errors";
import { LinesFieldset, MoreLinesButton, rowsFrom } from "./lines-fieldset";
import { DEFAULT_ROWS } from "./lines";
import { linesActionError, moreRowsReply, optional, readLines } from "./lines.server";
import { OwnedList } from "./owned-list";
import { StockTabs } from "./tabs";

/** The partner's call-offs, and (with own_stock:call_off) the form to request one. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = myDocumentsQuery.parse(searchParamsObject(request));
  const [page, options] = await Promise.all([
    listMyDocuments(ctx, "call_off", query),
    can(ctx.actor, "own_stock:call_off") ? callOffOptions(ctx) : Promise.resolve(null),
  ]);
  return { page, query, options, formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  if (form.get("intent") === "more") return moreRowsReply(form);
  const { lines, rowOf } = readLines(form, false);
  try {
    const { id } = await requestCallOff(ctx, {
      _key: form.get("_key"),
      addressId: optional(form, "addressId") ?? "",
      requestedDate: optional(form, "requestedDate"),
      note: optional(form, "note"),
      lines,
    });
    return redirect(`/stock/call-offs/${id}?done=submitted`);
  } catch (error) {
    return linesActionError(error, form, rowOf);
  }
});

export default function CallOffs({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const labels = useTableLabels();
  const columns = useDocumentColumns("callOff", "/stock/call-offs");
  const { page, query, options, formKey } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const { field } = useStockErrors(result);
  const value = submittedValue(result);
  return (
    <>
      <PageHeader title={t("myStock.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("myStock.callOff.intro")}</p>
      </PageHeader>
      <StockTabs />
      {options ? (
        <Card title={t("myStock.callOff.new")} className="mb-4">
          {options.addresses.length === 0 ? (
            <Alert tone="info">
              <Link to="/company" className="underline">
                {t("myStock.callOff.noAddress")}
              </Link>
            </Alert>
          ) : (
            <Form method="post" className="grid gap-3 sm:grid-cols-3">
              <FormKeys formKey={formKey} />
              <div className="empty:hidden sm:col-span-3">
                <StockFormAlert result={result} />
              </div>
              <SelectField
                label={t("myStock.callOff.address")}
                name="addressId"
                required
                defaultValue={value("addressId") ?? options.addresses[0]?.id}
                errors={field("addressId")}
                options={options.addresses.map((a) => ({ value: a.id, label: `${a.label} · ${a.recipient} · ${a.province}${a.city}${a.district ?? ""}${a.line}` }))}
              />
              <TextField label={t("myStock.callOff.requestedDate")} name="requestedDate" type="date" defaultValue={value("requestedDate")} errors={field("requestedDate")} />
              <TextField label={t("myStock.callOff.note")} name="note" maxLength={500} defaultValue={value("note")} errors={field("note")} />
              <div className="sm:col-span-3">
                <OwnedList id="call-off-skus" title={t("myStock.callOff.owned")} empty={t("myStock.callOff.noOwned")} owned={options.owned} />
              </div>
              <LinesFieldset rows={rowsFrom(result, DEFAULT_ROWS)} result={result} withSerials={false} skuList="call-off-skus" legend={t("myStock.callOff.lines")} />
              <div className="flex gap-2 sm:col-span-3">
                <Button>{t("myStock.callOff.submit")}</Button>
                <MoreLinesButton />
              </div>
            </Form>
          )}
        </Card>
      ) : null}
      <DataTable
        caption={t("myStock.callOff.title")}
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
