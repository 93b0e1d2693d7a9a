import { useTranslation } from "@cs/i18n/react";
import { localName } from "@cs/i18n";
import { Form, Link, redirect } from "react-router";
import { approveRebateStatements, can, explainStatementText, formatYuan, getRebateStatement, publishRebateStatements, recalculateRebateStatement, settleStatement } from "@cs/domain";
import { Alert, Badge, Button, Card, Money, PageHeader, formatDate, formatDateTime, formatMoney } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult } from "@cs/web";
import { actionError, domainCtx, serverT, guarded } from "@cs/web/server";
import type { Route } from "./+types/statement";
import { percentOf, RebateTabs } from "./tabs";

/** The basis line only states the figure the rate applies to: its amount is always 0, and "¥0.00" beside the basis read as if the basis earned nothing. */
const informational = (l: { kind: string; amountFen: bigint }) => l.kind === "basis" && l.amountFen === 0n;
const DONE = { approved: "approvedDone", published: "publishedDone", recalculated: "recalculated", settled: "settledDone" } as const;

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getRebateStatement(ctx, params.id);
  const t = serverT(context);
  const done = new URL(request.url).searchParams.get("done");
  return {
    ...detail,
    // the same sentences the partner reads in the portal and the PDF
    explanation: explainStatementText(detail, (k, v) => t(k, v), formatYuan),
    canApprove: can(ctx.actor, "rebate:approve"),
    canManage: can(ctx.actor, "rebate:manage"),
    // `done` comes from the URL: own keys only, so ?done=toString finds nothing
    done: done && Object.hasOwn(DONE, done) ? DONE[done as keyof typeof DONE] : null,
  };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const intent = form.get("intent");
  try {
    if (intent === "recalculate") await recalculateRebateStatement(ctx, params.id);
    else if (intent === "publish") await publishRebateStatements(ctx, { ids: [params.id] });
    else if (intent === "settle") {
      await settleStatement(ctx, { statementId: params.id, version: form.get("version") ?? undefined });
      return redirect(`/rebates/statements/${params.id}?done=settled`);
    }
    else await approveRebateStatements(ctx, { ids: [params.id] });
    const done = intent === "recalculate" ? "recalculated" : intent === "publish" ? "published" : "approved";
    return redirect(`/rebates/statements/${params.id}?done=${done}`);
  } catch (error) {
    return actionError(error, form);
  }
});

const statusTone = { draft: "slate", approved: "amber", published: "green", settled: "green" } as const;

export default function RebateStatementPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { statement: s, lines, program, priceProtection, explanation, canApprove, canManage, done } = loaderData;
  const money = (fen: bigint | null) => (fen === null ? t("rebatePrograms.statement.none") : <Money fen={fen} locale={locale} />);
  const facts: [string, React.ReactNode][] = [
    [t("rebatePrograms.statement.partner"), `${s.partnerCode ?? ""} ${s.partner ?? ""}`],
    [t("rebatePrograms.statement.program"), program ? `${program.code} · ${localName(i18n.language === "zh-CN", program.name, program.nameEn)}` : (priceProtection?.number ?? "—")],
    [t("rebatePrograms.statement.period"), `${formatDate(s.periodStart, locale)} – ${formatDate(s.periodEnd, locale)}`],
    [t("rebatePrograms.statement.basis"), money(s.basisFen)],
    [t("rebatePrograms.statement.target"), money(s.targetFen)],
    [t("rebatePrograms.statement.completion"), s.completionBp === null ? "—" : percentOf(s.completionBp)],
    [t("rebatePrograms.statement.tier"), s.tierIndex === null ? "—" : `${t("rebatePrograms.preview.tierN", { n: s.tierIndex + 1 })} · ${percentOf(s.rateBp)}`],
    [t("rebatePrograms.statement.multiplier"), `${percentOf(s.multiplierBp, true)}${s.onTimeBp === null ? "" : ` (${t("rebatePrograms.statement.onTime")} ${percentOf(s.onTimeBp)})`}`],
    [t("rebatePrograms.statement.adjustments"), money(s.adjustmentsFen)],
  ];
  return (
    <>
      <PageHeader title={t("rebatePrograms.statement.title", { number: s.number })}>
        <Link to="/rebates/statements" className="text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("rebatePrograms.statement.back")}
        </Link>
      </PageHeader>
      <RebateTabs />
      <div className="space-y-4">
        {done === "settledDone" ? (
          <Alert tone="success">{s.amountFen < 0n ? t("rebateBalance.settle.carried", { amount: formatMoney(s.amountFen, locale) }) : t("rebateBalance.settle.done", { amount: formatMoney(s.amountFen, locale) })}</Alert>
        ) : done ? (
          <Alert tone="success">{t(`rebatePrograms.statement.${done}`)}</Alert>
        ) : null}
        <FormAlert result={(actionData ?? null) as ActionResult} />
        <Card
          actions={
            <div className="flex flex-wrap gap-2">
              {canManage && s.status === "draft" && s.kind === "rebate" ? (
                <Form method="post">
                  <CsrfInput />
                  <Button name="intent" value="recalculate" variant="secondary">{t("rebatePrograms.statement.recalculate")}</Button>
                </Form>
              ) : null}
              {canApprove && s.status === "draft" ? (
                <Form method="post">
                  <CsrfInput />
                  <Button name="intent" value="approve">{t("rebatePrograms.statement.approve")}</Button>
                </Form>
              ) : null}
              {canApprove && s.status === "approved" ? (
                <Form method="post">
                  <CsrfInput />
                  <Button name="intent" value="publish">{t("rebatePrograms.statement.publish")}</Button>
                </Form>
              ) : null}
              {canApprove && s.status === "published" ? (
                <Form method="post" onSubmit={(e) => { if (!window.confirm(t("rebateBalance.settle.confirm"))) e.preventDefault(); }}>
                  <CsrfInput />
                  <input type="hidden" name="version" value={s.version} />
                  <Button name="intent" value="settle">{t("rebateBalance.settle.action")}</Button>
                </Form>
              ) : null}
            </div>
          }
          title={
            <span className="flex items-center gap-3">
              <Badge tone={statusTone[s.status]}>{t(`rebatePrograms.statementStatuses.${s.status}`)}</Badge>
              <span className="text-xl font-semibold tabular-nums">{money(s.amountFen)}</span>
            </span>
          }
        >
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            {facts.map(([label, value]) => (
              <div key={label}>
                <dt className="text-slate-500">{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          <p className="mt-3 text-xs text-slate-500">
            {s.approvedAt ? t("rebatePrograms.statement.approvedBy", { date: formatDateTime(s.approvedAt, locale) }) : null}
            {s.publishedAt ? ` · ${t("rebatePrograms.statement.publishedBy", { date: formatDateTime(s.publishedAt, locale) })}` : null}
          </p>
          {s.status !== "draft" ? <p className="mt-1 text-xs text-slate-500">{t("rebatePrograms.statement.frozenNote")}</p> : null}
        </Card>
        <Card title={t("rebatePrograms.statement.explanation")}>
          <ol className="list-decimal space-y-1 pl-5 text-sm leading-relaxed">
            {explanation.map((sentence, i) => (
              <li key={i}>{sentence}</li>
            ))}
          </ol>
        </Card>
        <Card title={t("rebatePrograms.statement.lines")}>
          <div className="relative overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("rebatePrograms.statement.lines")}</caption>
              <thead className="text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-2 py-2">#</th>
                  <th scope="col" className="px-2 py-2">{t("rebatePrograms.statement.line")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("rebatePrograms.statement.lineBasis")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("rebatePrograms.statement.lineRate")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("rebatePrograms.statement.lineAmount")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {lines.map((l) => (
                  <tr key={l.lineNo}>
                    <td className="px-2 py-1.5 tabular-nums text-slate-500">{l.lineNo}</td>
                    <td className="px-2 py-1.5">
                      {t(`rebatePrograms.lineKinds.${l.kind}`, { defaultValue: l.kind })}
                      {typeof l.params.tierNo === "number" ? ` · ${t("rebatePrograms.preview.tierN", { n: l.params.tierNo })}` : null}
                      {typeof l.params.sourceNumber === "string" ? ` · ${l.params.sourceNumber}` : null}
                      {typeof l.params.creditNoteNumber === "string" ? ` · ${l.params.creditNoteNumber}` : null}
                    </td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{l.basisFen === null ? "" : <Money fen={l.basisFen} locale={locale} />}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{l.rateBp === null ? "" : percentOf(l.rateBp, l.kind === "multiplier")}</td>
                    <td className="px-2 py-1.5 text-right tabular-nums">{informational(l) ? "" : <Money fen={l.amountFen} locale={locale} />}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </Card>
      </div>
    </>
  );
}
