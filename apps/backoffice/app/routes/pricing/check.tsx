import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { checkPrice, ValidationError, type PriceCheck } from "@cs/domain";
import { Alert, Badge, Button, Card, PageHeader, TextField, formatMoney } from "@cs/ui";
import { FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { domainCtx, loaderError, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/check";
import { PricingTabs } from "./tabs";

/** A read: the form is a GET, so a check is a link that can be shared. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const params = searchParamsObject(request);
  if (!params.organizationCode && !params.sku) return { params, check: null, result: null };
  try {
    return { params, check: await checkPrice(ctx, params), result: null };
  } catch (error) {
    if (error instanceof ValidationError) return { params, check: null, result: { status: "error" as const, error: error.fieldErrors } };
    loaderError(error);
  }
});

function Result({ check }: { check: PriceCheck }) {
  const { t, i18n } = useTranslation();
  const money = (fen: bigint) => formatMoney(fen, i18n.language);
  if (!check.price) return <Alert>{t("pricing.check.notSold")}</Alert>;
  const p = check.price;
  const rows: [string, React.ReactNode][] = [
    [t("pricing.check.unitPrice"), <strong key="u">{money(p.unitPriceFen)}</strong>],
    [t("pricing.check.rule"), <Badge key="r" tone="blue">{t(`catalog.rules.${p.rule}`)}</Badge>],
    [t("pricing.check.ruleCode"), p.ruleCode ?? "—"],
    [t("pricing.check.fromQuantity"), p.minQuantity],
    [t("pricing.check.listPrice"), money(p.listPriceFen)],
    [t("pricing.check.saving"), money(p.listPriceFen - p.unitPriceFen)],
    [t("pricing.check.lineTotal"), money(p.unitPriceFen * BigInt(check.quantity))],
  ];
  return (
    <Card title={`${t("pricing.check.result")} · ${check.organization.code} ${check.organization.name} · ${check.product.sku} × ${check.quantity} · ${check.on}`}>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600">{k}</dt>
            <dd className="tabular-nums">{v}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}

export default function PriceCheckPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { params, check, result } = loaderData;
  const field = useFieldErrors(result as ActionResult);
  const value = (k: string) => (typeof params[k] === "string" ? (params[k] as string) : "");
  return (
    <>
      <PageHeader title={t("pricing.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("pricing.check.intro")}</p>
      </PageHeader>
      <PricingTabs />
      <Card className="mb-4">
        <Form method="get" className="grid gap-3 sm:grid-cols-5">
          <div className="empty:hidden sm:col-span-5">
            <FormAlert result={result as ActionResult} />
          </div>
          <TextField label={t("pricing.check.organizationCode")} name="organizationCode" required defaultValue={value("organizationCode")} errors={field("organizationCode")} />
          <TextField label={t("pricing.check.sku")} name="sku" required defaultValue={value("sku")} errors={field("sku")} />
          <TextField label={t("pricing.check.quantity")} name="quantity" inputMode="numeric" required defaultValue={value("quantity") || "1"} errors={field("quantity")} />
          <TextField label={t("pricing.check.on")} name="on" type="date" hint={t("pricing.check.onHint")} defaultValue={value("on")} errors={field("on")} />
          <div className="flex items-end">
            <Button>{t("pricing.check.submit")}</Button>
          </div>
        </Form>
      </Card>
      {check ? <Result check={check} /> : null}
    </>
  );
}
