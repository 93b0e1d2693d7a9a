import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { approvePriceProtection, can, getPriceProtection, recomputePriceProtection } from "@cs/domain";
import { Alert, Badge, Button, Card, Money, PageHeader, formatDate, formatMoney } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import { RebateTabs } from "./tabs";
import type { Route } from "./+types/price-protection";
import { localName } from "@cs/i18n";

const DONE = ["created", "recomputed", "approved"] as const;

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getPriceProtection(ctx, params.id);
  const done = new URL(request.url).searchParams.get("done");
  return { ...detail, canManage: can(ctx.actor, "rebate:manage"), canApprove: can(ctx.actor, "rebate:approve"), done: (DONE as readonly string[]).includes(done ?? "") ? done : null };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const input = { id: params.id, version: form.get("version") ?? undefined };
  try {
    if (form.get("intent") === "recompute") {
      await recomputePriceProtection(ctx, input);
      return redirect(`/rebates/price-protection/${params.id}?done=recomputed`);
    }
    await approvePriceProtection(ctx, input);
    return redirect(`/rebates/price-protection/${params.id}?done=approved`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function PriceProtectionPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const locale = i18n.language;
  const { protection: p, lines, canManage, canApprove, done } = loaderData;
  const unit = p.oldPriceFen - p.newPriceFen;
  const busy = navigation.state === "submitting" ? true : undefined;
  return (
    <>
      <PageHeader title={`${t("priceProtection.title")} ${p.number}`}>
        <Link to="/rebates/price-protection" className="text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("priceProtection.title")}
        </Link>
      </PageHeader>
      <RebateTabs />
      <div className="space-y-4">
        {done === "approved" ? <Alert tone="success">{t("priceProtection.approved", { count: lines.length })}</Alert> : done ? <Alert tone="success">{t(`priceProtection.${done}`)}</Alert> : null}
        <FormAlert result={(actionData ?? null) as ActionResult} />
        <Card
          actions={
            p.status === "draft" ? (
              <div className="flex flex-wrap gap-2">
                {canManage ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="version" value={p.version} />
                    <Button name="intent" value="recompute" variant="secondary" aria-busy={busy}>{t("priceProtection.recompute")}</Button>
                  </Form>
                ) : null}
                {canApprove && lines.length > 0 ? (
                  <Form method="post" onSubmit={(e) => { if (!window.confirm(t("priceProtection.approveConfirm"))) e.preventDefault(); }}>
                    <CsrfInput />
                    <input type="hidden" name="version" value={p.version} />
                    <Button name="intent" value="approve" aria-busy={busy}>{t("priceProtection.approve")}</Button>
                  </Form>
                ) : null}
              </div>
            ) : null
          }
        >
          <dl className="grid gap-3 text-sm sm:grid-cols-4">
            <div><dt className="text-slate-500">{t("priceProtection.fields.product")}</dt><dd><span className="font-mono text-xs">{p.sku}</span> {localName(locale === "zh-CN", p.nameZh, p.nameEn)}</dd></div>
            <div><dt className="text-slate-500">{t("priceProtection.fields.effectiveDate")}</dt><dd>{formatDate(p.effectiveDate, locale)}</dd></div>
            <div><dt className="text-slate-500">{t("priceProtection.fields.oldPrice")}</dt><dd className="tabular-nums"><Money fen={p.oldPriceFen} locale={locale} /></dd></div>
            <div><dt className="text-slate-500">{t("priceProtection.fields.newPrice")}</dt><dd className="tabular-nums"><Money fen={p.newPriceFen} locale={locale} /></dd></div>
            <div><dt className="text-slate-500">{t("priceProtection.fields.unitCredit")}</dt><dd className="tabular-nums"><Money fen={unit} locale={locale} /></dd></div>
            <div><dt className="text-slate-500">{t("priceProtection.fields.status")}</dt><dd><Badge tone={p.status === "approved" ? "green" : "amber"}>{t(`priceProtection.statuses.${p.status}`)}</Badge></dd></div>
            <div><dt className="text-slate-500">{t("priceProtection.fields.total")}</dt><dd className="font-semibold tabular-nums"><Money fen={p.totalFen} locale={locale} /></dd></div>
            {p.note ? <div><dt className="text-slate-500">{t("priceProtection.fields.note")}</dt><dd>{p.note}</dd></div> : null}
          </dl>
        </Card>
        <Card title={t("priceProtection.linesTitle")}>
          <p className="mb-2 text-sm text-slate-600">{t("priceProtection.explain", { date: formatDate(p.effectiveDate, locale), unit: formatMoney(unit, locale) })}</p>
          {lines.length === 0 ? (
            <p className="text-sm text-slate-600">{t("priceProtection.noLines")}</p>
          ) : (
            <div className="relative overflow-x-auto">
              <table className="min-w-full divide-y divide-slate-200 text-sm">
                <caption className="sr-only">{t("priceProtection.linesTitle")}</caption>
                <thead className="text-left text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="px-2 py-2">{t("priceProtection.fields.partner")}</th>
                    <th scope="col" className="px-2 py-2 text-right">{t("priceProtection.fields.quantity")}</th>
                    <th scope="col" className="px-2 py-2 text-right">{t("priceProtection.fields.unitCredit")}</th>
                    <th scope="col" className="px-2 py-2 text-right">{t("priceProtection.fields.amount")}</th>
                    <th scope="col" className="px-2 py-2">{t("priceProtection.fields.statement")}</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {lines.map((l) => (
                    <tr key={l.organizationId}>
                      <td className="px-2 py-2"><span className="font-mono text-xs">{l.code}</span> {l.name}</td>
                      <td className="px-2 py-2 text-right tabular-nums">{l.quantity}</td>
                      <td className="px-2 py-2 text-right tabular-nums"><Money fen={l.unitCreditFen} locale={locale} /></td>
                      <td className="px-2 py-2 text-right tabular-nums"><Money fen={l.amountFen} locale={locale} /></td>
                      <td className="px-2 py-2">
                        {l.statementId ? (
                          <Link to={`/rebates/statements/${l.statementId}`} className="font-mono text-xs text-blue-800 hover:underline">{l.statementNumber}</Link>
                        ) : "—"}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
