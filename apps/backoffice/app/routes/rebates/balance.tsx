import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { can, payoutMethods, payoutRebate, rebateAccount } from "@cs/domain";
import { Alert, Button, Card, Money, PageHeader, SelectField, TextField, formatMoney } from "@cs/ui";
import { FormAlert, RebateLedgerTable, useFieldErrors, type ActionResult, submittedValue, FormKeys } from "@cs/web";
import { domainCtx, searchParamsObject, guarded, submitForm } from "@cs/web/server";
import { RebateTabs } from "./tabs";
import type { Route } from "./+types/balance";

/** One partner's rebate balance and ledger; finance (rebate:approve) pays out from here. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const account = await rebateAccount(ctx, params.organizationId, searchParamsObject(request));
  const paid = new URL(request.url).searchParams.get("paid");
  return { ...account, canPayOut: can(ctx.actor, "rebate:approve"), methods: [...payoutMethods], formKey: randomUUID(), paid };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async (fields) => {
    const result = await payoutRebate(ctx, { ...fields, organizationId: params.organizationId });
    return redirect(`/rebates/balances/${params.organizationId}?paid=${result.ledgerId}`);
  });
});

export default function RebateBalance({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const result = actionData as ActionResult;
  const field = useFieldErrors(result);
  const { organization, balanceFen, ledger, canPayOut, methods, formKey, paid } = loaderData;
  const locale = i18n.language;
  const initial = submittedValue(result);
  const last = ledger.rows[0];
  return (
    <>
      <PageHeader title={t("rebateBalance.ledger.title", { name: organization.name })}>
        <Link to="/rebates/balances" className="text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("rebateBalance.ledger.back")}
        </Link>
      </PageHeader>
      <RebateTabs />
      <div className="space-y-4">
        {paid && last?.kind === "payout" ? <Alert tone="success">{t("rebateBalance.payout.done", { amount: formatMoney(-last.amountFen, locale), balance: formatMoney(balanceFen, locale) })}</Alert> : null}
        <div className="grid gap-4 lg:grid-cols-3">
          <Card title={t("rebateBalance.ledger.balance")}>
            <p className="text-2xl font-semibold tabular-nums">
              <Money fen={balanceFen} locale={locale} />
            </p>
            <p className="mt-1 font-mono text-xs text-slate-500">{organization.code}</p>
          </Card>
          {canPayOut && balanceFen > 0n ? (
            <Card title={t("rebateBalance.payout.title")} className="lg:col-span-2">
              <p className="mb-3 text-sm text-slate-600">{t("rebateBalance.payout.intro")}</p>
              <FormAlert result={result} />
              <Form method="post" className="grid gap-3 sm:grid-cols-2">
                <FormKeys formKey={formKey} />
                <TextField label={t("rebateBalance.payout.amount")} name="amount" inputMode="decimal" required defaultValue={initial("amount")} errors={field("amount")} />
                <SelectField label={t("rebateBalance.payout.method")} name="method" defaultValue={initial("method") ?? "bank_transfer"} errors={field("method")} options={methods.map((m) => ({ value: m, label: t(`rebateBalance.payout.methods.${m}`) }))} />
                <TextField label={t("rebateBalance.payout.reference")} name="reference" required maxLength={100} defaultValue={initial("reference")} errors={field("reference")} />
                <TextField label={t("rebateBalance.payout.note")} name="note" maxLength={500} defaultValue={initial("note")} errors={field("note")} />
                <div className="sm:col-span-2 flex justify-end">
                  <Button aria-busy={navigation.state === "submitting" ? true : undefined}>{t("rebateBalance.payout.submit")}</Button>
                </div>
              </Form>
            </Card>
          ) : null}
        </div>
        <RebateLedgerTable ledger={ledger} caption={t("rebateBalance.ledger.entries")} links={{ statement: "/rebates/statements", order: "/orders" }} />
      </div>
    </>
  );
}
