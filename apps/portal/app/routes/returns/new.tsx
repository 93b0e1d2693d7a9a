import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { getReturnForm, requestReturn } from "@cs/domain";
import { returnReasons } from "@cs/domain/shared/schema-vocabulary";
import { Button, Card, DetailTable, FieldErrors, PageHeader, SelectField, TextAreaField, buttonClass, formatNumber } from "@cs/ui";
import { FormAlert, useFormResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/new";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { ...(await getReturnForm(domainCtx(context, request), params.orderId)), reasons: returnReasons, formKey: randomUUID() };
});

/** `lines.N.field` inputs as rows in index order. */
function linesOf(form: FormData) {
  const rows: Record<string, string>[] = [];
  for (const [name, value] of form.entries()) {
    const m = /^lines\.(\d{1,3})\.(orderLineId|quantity|serials)$/.exec(name);
    if (m && typeof value === "string") (rows[Number(m[1])] ??= {})[m[2]!] = value;
  }
  return Array.from(rows, (r) => ({ orderLineId: r?.orderLineId ?? "", quantity: r?.quantity || "0", serials: r?.serials ?? "" }));
}

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    const { returnId } = await requestReturn(domainCtx(context, request), {
      _key: form.get("_key"),
      orderId: params.orderId,
      reason: form.get("reason") || undefined,
      note: form.get("note") ?? undefined,
      lines: linesOf(form),
    });
    return redirect(`/returns/${returnId}?done=requested`);
  } catch (error) {
    return actionError(error, form);
  }
});

const inputClass =
  "block w-24 rounded-md border-0 px-2.5 py-1.5 text-right text-sm text-slate-900 ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-blue-700 aria-[invalid=true]:ring-red-600";

export default function NewReturn({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const { order, lines, reasons, formKey } = loaderData;
  const { result, errors, value } = useFormResult(actionData);
  const zh = i18n.language === "zh-CN";
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("returns.newFor", { number: order.number })}
        actions={
          <Link to="/returns" className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      />
      <Form method="post" className="space-y-4">
        <FormKeys formKey={formKey} />
        <FormAlert result={result} />
        <Card title={t("returns.lines")}>
          <FieldErrors id="lines-e" errors={errors("lines")} />
          <DetailTable
            caption={t("returns.lines")}
            rows={lines}
            getRowId={(l) => l.orderLineId}
            columns={[
              { id: "sku", header: t("returns.columns.sku"), cell: (l) => <span className="font-mono text-xs">{l.sku}</span> },
              { id: "product", header: t("returns.columns.product"), phoneTitle: true, cell: (l) => localName(zh, l.nameZh, l.nameEn) },
              { id: "shipped", header: t("returns.columns.shipped"), align: "right", cell: (l) => formatNumber(l.quantityShipped, i18n.language) },
              { id: "returned", header: t("returns.columns.returned"), align: "right", cell: (l) => formatNumber(l.quantityReturned, i18n.language) },
              { id: "pending", header: t("returns.columns.pending"), align: "right", cell: (l) => formatNumber(l.quantityRequested, i18n.language) },
              { id: "available", header: t("returns.columns.available"), align: "right", cell: (l) => formatNumber(l.returnable, i18n.language) },
              {
                id: "quantity",
                header: t("returns.columns.quantity"),
                cell: (l, i) => {
                  const name = (f: string) => `lines.${i}.${f}`;
                  const qErr = errors(name("quantity"));
                  return (
                    <>
                      <input type="hidden" name={name("orderLineId")} value={l.orderLineId} />
                      <label htmlFor={`q-${i}`} className="sr-only">{`${t("returns.columns.quantity")} ${l.sku}`}</label>
                      <input
                        id={`q-${i}`}
                        name={name("quantity")}
                        inputMode="numeric"
                        defaultValue={value(name("quantity")) ?? ""}
                        placeholder="0"
                        disabled={l.returnable === 0}
                        aria-invalid={qErr ? true : undefined}
                        aria-describedby={qErr ? `q-${i}-e` : undefined}
                        className={inputClass}
                      />
                      <FieldErrors id={`q-${i}-e`} errors={qErr} />
                    </>
                  );
                },
              },
              {
                id: "serials",
                header: t("returns.serials"),
                cell: (l, i) => {
                  const name = (f: string) => `lines.${i}.${f}`;
                  const sErr = errors(name("serials"));
                  return l.serialized ? (
                    <>
                      <label htmlFor={`s-${i}`} className="sr-only">{`${t("returns.serials")} ${l.sku}`}</label>
                      <textarea
                        id={`s-${i}`}
                        name={name("serials")}
                        rows={2}
                        defaultValue={value(name("serials")) ?? ""}
                        aria-invalid={sErr ? true : undefined}
                        aria-describedby={`s-${i}-h`}
                        className="block w-56 rounded-md border-0 px-2.5 py-1.5 font-mono text-xs ring-1 ring-inset ring-slate-300 aria-[invalid=true]:ring-red-600"
                      />
                      <p id={`s-${i}-h`} className="mt-1 text-xs text-slate-500">
                        {t("returns.serialsShipped", { serials: l.serialsAvailable.join(" ") || "—" })}
                      </p>
                      <FieldErrors id={`s-${i}-e`} errors={sErr} />
                    </>
                  ) : (
                    "—"
                  );
                },
              },
            ]}
          />
        </Card>
        <Card>
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label={t("returns.reasonLabel")}
              name="reason"
              required
              defaultValue={value("reason") ?? ""}
              placeholder="—"
              options={reasons.map((r) => ({ value: r, label: t(`returns.reasons.${r}`) }))}
              errors={errors("reason")}
            />
            <TextAreaField label={t("returns.note")} name="note" rows={2} maxLength={1000} defaultValue={value("note") ?? ""} errors={errors("note")} />
          </div>
          <div className="mt-4">
            <Button type="submit" disabled={navigation.state === "submitting"}>
              {t("returns.submit")}
            </Button>
          </div>
        </Card>
      </Form>
    </div>
  );
}
