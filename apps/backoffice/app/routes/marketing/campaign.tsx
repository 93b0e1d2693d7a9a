import { randomUUID } from "node:crypto";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useNavigation, useSearchParams } from "react-router";
import { getCampaign, getCampaignRoi, shanghaiToday } from "@cs/domain";
import { Alert, Button, Card, Money, PageHeader, buttonClass, formatDate, formatDateTime, formatMoney } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import { runCampaignAction } from "./campaign-actions.server";
import { CampaignSpends } from "./campaign-spends";
import { CampaignRoiCard } from "./roi-figures";
import { CampaignStatusBadge } from "./status-badge";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/campaign";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const [campaign, roi] = await Promise.all([getCampaign(ctx, params.id), getCampaignRoi(ctx, params.id)]);
  return { ...campaign, roi, formKey: randomUUID(), today: shanghaiToday() };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  return runCampaignAction(domainCtx(context, request), params.id, await request.formData());
});

const doneKeys = {
  created: "marketing.campaigns.created",
  approved: "marketing.campaigns.approved",
  started: "marketing.campaigns.started",
  closed: "marketing.campaigns.closed",
  spent: "marketing.campaigns.spends.done",
  spendApproved: "marketing.campaigns.spends.approved",
  spendRejected: "marketing.campaigns.spends.rejected",
} as const;

export default function CampaignPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { campaign: c, lines, spends, canManage, canApprove, approvalLimitFen, me, formKey, today, roi } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const field = useFieldErrors(result);
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const done = search.get("done");
  const doneKey = done !== null && Object.hasOwn(doneKeys, done) ? doneKeys[done as keyof typeof doneKeys] : null;
  const lastSpend = spends[0];
  const pendingSpend = done === "pending" ? spends.find((s) => s.id === search.get("spend") && s.status === "pending") : undefined;
  const mayApprove = canApprove && c.status === "draft" && c.createdBy !== me && (approvalLimitFen === null || c.plannedFen <= approvalLimitFen);
  const waiting = spends.filter((s) => s.status === "pending").length;
  const money = (fen: bigint) => <Money fen={fen} locale={locale} />;
  const facts: [string, React.ReactNode][] = [
    [t("marketing.campaigns.type"), t(`marketing.types.${c.type}`)],
    [t("marketing.pools.division"), localName(zh, c.divisionZh, c.divisionEn)],
    [t("marketing.pools.branch"), c.branch],
    [t("marketing.campaigns.columns.dates"), `${formatDate(c.startsOn, locale)} – ${formatDate(c.endsOn, locale)}`],
    [t("marketing.campaigns.owner"), c.owner],
    [t("marketing.campaigns.goal"), c.goal],
    [
      t("marketing.campaigns.pool"),
      <Link key="pool" to={`/marketing/budgets/${c.poolId}`} className="text-blue-700 underline">
        {c.poolQuarter} · {t("marketing.figures.remaining")} {formatMoney(c.poolPlannedFen - c.poolCommittedFen, locale)}
      </Link>,
    ],
    ...(c.decidedBy && c.decidedAt ? [[t("marketing.campaigns.decidedBy"), `${c.decidedBy} · ${formatDateTime(c.decidedAt, locale)}`] as [string, React.ReactNode]] : []),
  ];
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${c.number} · ${c.name}`}
        actions={
          <Link to="/marketing/campaigns" className={buttonClass("ghost")}>
            {t("marketing.campaigns.back")}
          </Link>
        }
      >
        <div className="mt-1">
          <CampaignStatusBadge status={c.status} />
        </div>
      </PageHeader>
      <MarketingTabs />
      {doneKey && !actionData ? <Alert tone="success">{t(doneKey, { amount: formatMoney(done === "spent" ? (lastSpend?.amountFen ?? 0n) : c.plannedFen, locale) })}</Alert> : null}
      {pendingSpend && !actionData ? (
        <Alert tone="info">
          {t("marketing.campaigns.spends.pending", {
            amount: formatMoney(pendingSpend.amountFen, locale),
            planned: formatMoney(c.plannedFen, locale),
            spent: formatMoney(c.spentFen, locale),
            over: formatMoney(c.spentFen + pendingSpend.amountFen - c.plannedFen, locale),
          })}
        </Alert>
      ) : null}
      {waiting > 0 && !pendingSpend ? <Alert tone="info">{t("marketing.campaigns.spends.waiting", { count: waiting })}</Alert> : null}
      <FormAlert result={result} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <dl className="grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[10rem_1fr]">
            {facts.map(([label, value]) => (
              <div key={label} className="contents">
                <dt className="text-slate-600">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
        </Card>
        <Card title={t("marketing.campaigns.budget")}>
          <div className="relative overflow-x-auto">
            <table className="w-full text-sm">
              <tbody>
                {lines.map((l) => (
                  <tr key={l.category}>
                    <th scope="row" className="py-1 text-left font-normal text-slate-600">{t(`marketing.categories.${l.category}`)}</th>
                    <td className="py-1 text-right tabular-nums">{money(l.amountFen)}</td>
                  </tr>
                ))}
                <tr className="border-t border-slate-200 font-semibold">
                  <th scope="row" className="py-1 text-left">{t("marketing.figures.planned")}</th>
                  <td className="py-1 text-right tabular-nums" data-figure="planned">{money(c.plannedFen)}</td>
                </tr>
                <tr>
                  <th scope="row" className="py-1 text-left font-normal text-slate-600">{t("marketing.figures.spent")}</th>
                  <td className="py-1 text-right tabular-nums" data-figure="spent">{money(c.spentFen)}</td>
                </tr>
              </tbody>
            </table>
          </div>
        </Card>
      </div>
      <CampaignRoiCard roi={roi} />
      {canApprove && c.status === "draft" ? (
        <p className="text-sm text-slate-600">
          {t("marketing.campaigns.approvalLimit", { limit: approvalLimitFen === null ? t("marketing.campaigns.unlimited") : formatMoney(approvalLimitFen, locale) })}
        </p>
      ) : null}
      {mayApprove || (canManage && (c.status === "approved" || c.status === "running")) ? (
        <Form method="post" className="flex flex-wrap gap-2">
          <CsrfInput />
          {mayApprove ? (
            <Button name="intent" value="approve" disabled={busy}>
              {t("marketing.campaigns.approve")}
            </Button>
          ) : null}
          {canManage && c.status === "approved" ? (
            <Button name="intent" value="start" disabled={busy}>
              {t("marketing.campaigns.start")}
            </Button>
          ) : null}
          {canManage && (c.status === "approved" || c.status === "running") ? (
            <Button name="intent" value="close" variant="secondary" disabled={busy}>
              {t("marketing.campaigns.close")}
            </Button>
          ) : null}
        </Form>
      ) : null}
      <CampaignSpends
        spends={spends}
        mayEnter={canManage && (c.status === "approved" || c.status === "running")}
        mayDecide={canApprove && (c.status === "approved" || c.status === "running")}
        me={me}
        formKey={formKey}
        today={today}
        busy={busy}
        field={field}
      />
    </div>
  );
}
