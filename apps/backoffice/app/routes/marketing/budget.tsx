import { randomUUID } from "node:crypto";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { getBudgetPool, raiseBudgetPool } from "@cs/domain";
import { Alert, Button, Card, Money, PageHeader, TextField, formatMoney } from "@cs/ui";
import { FormAlert, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import { CampaignStatusBadge } from "./status-badge";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/budget";

/** One budget pool's figures; marketing raises it from here. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const found = await getBudgetPool(ctx, params.id);
  const done = new URL(request.url).searchParams.get("done");
  return { ...found, formKey: randomUUID(), done: done === "created" || done === "raised" ? done : null };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    await raiseBudgetPool(ctx, { ...fields, poolId: params.id });
    return redirect(`/marketing/budgets/${params.id}?done=raised`);
  });
});

export default function BudgetPool({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const result = actionData as ActionResult;
  const field = useFieldErrors(result);
  const { pool, campaigns, canManage, formKey, done } = loaderData;
  const locale = i18n.language;
  const division = localName(locale === "zh-CN", pool.divisionZh, pool.divisionEn);
  const figures = [
    ["planned", pool.plannedFen],
    ["committed", pool.committedFen],
    ["spent", pool.spentFen],
    ["remaining", pool.remainingFen],
  ] as const;
  return (
    <>
      <PageHeader title={t("marketing.pools.detailTitle", { quarter: pool.quarter, division, branch: pool.branch })}>
        <Link to="/marketing/budgets" className="text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("marketing.pools.back")}
        </Link>
      </PageHeader>
      <MarketingTabs />
      <div className="space-y-4">
        {done === "created" ? <Alert tone="success">{t("marketing.pools.created")}</Alert> : null}
        {done === "raised" ? <Alert tone="success">{t("marketing.pools.raise.done", { planned: formatMoney(pool.plannedFen, locale) })}</Alert> : null}
        <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
          {figures.map(([key, fen]) => (
            <Card key={key}>
              <dt className="text-sm text-slate-600">{t(`marketing.figures.${key}`)}</dt>
              <dd className="text-2xl font-semibold tabular-nums" data-figure={key}>
                <Money fen={fen} locale={locale} />
              </dd>
            </Card>
          ))}
        </dl>
        {pool.note ? <p className="text-sm text-slate-600">{pool.note}</p> : null}
        <Card title={t("marketing.pools.campaigns")}>
          {campaigns.length === 0 ? (
            <p className="text-sm text-slate-600">{t("marketing.pools.noCampaigns")}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {campaigns.map((c) => (
                <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                  <Link to={`/marketing/campaigns/${c.id}`} className="text-blue-700 underline">
                    <span className="font-mono">{c.number}</span> {c.name}
                  </Link>
                  <span className="flex items-center gap-3 tabular-nums">
                    <CampaignStatusBadge status={c.status} />
                    <Money fen={c.plannedFen} locale={locale} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
        {canManage ? (
          <Card title={t("marketing.pools.raise.title")}>
            <p className="mb-3 text-sm text-slate-600">{t("marketing.pools.raise.intro")}</p>
            <FormAlert result={result} />
            <Form method="post" className="grid gap-3 sm:grid-cols-3">
              <FormKeys formKey={formKey} />
              <TextField label={t("marketing.pools.raise.amount")} name="amount" inputMode="decimal" required errors={field("amount")} />
              <TextField label={t("marketing.pools.raise.reason")} name="reason" required maxLength={500} errors={field("reason")} />
              <div className="flex items-end">
                <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{t("marketing.pools.raise.submit")}</Button>
              </div>
            </Form>
          </Card>
        ) : null}
      </div>
    </>
  );
}
