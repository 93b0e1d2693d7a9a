import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { can, getRebateProgram, latestRebateRun, previewRebateProgram, requestRebateRun } from "@cs/domain";
import { Alert, Badge, Button, Card, Money, PageHeader, buttonClass, formatDate, formatDateTime } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/program";
import { RunProgress, type RunState } from "./run-progress";
import { percentOf, RebateTabs } from "./tabs";
import { localName } from "@cs/i18n";

const PREVIEW_TOP = 20;

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const url = new URL(request.url);
  const [detail, run] = await Promise.all([getRebateProgram(ctx, params.id), latestRebateRun(ctx, params.id)]);
  const preview = url.searchParams.get("preview") === "1" ? await previewRebateProgram(ctx, params.id, PREVIEW_TOP) : null;
  return {
    ...detail,
    run: run ? ({ ...run, frozen: run.frozen } satisfies RunState & Record<string, unknown>) : null,
    preview,
    canManage: can(ctx.actor, "rebate:manage"),
    done: url.searchParams.get("done") === "saved",
  };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  return submitForm(request, async () => {
    await requestRebateRun(ctx, params.id);
    return redirect(`/rebates/programs/${params.id}`);
  });
});

const statusTone = { draft: "slate", approved: "amber", published: "green", settled: "green" } as const;

export default function RebateProgramPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const { program: p, byStatus, division, productLine, partnerCodes, run, preview, canManage, done } = loaderData;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const frozen = byStatus.some((s) => s.status !== "draft" && s.n > 0);
  const eligibility = [
    p.eligibleTiers.length ? p.eligibleTiers.map((tier) => t(`org.tiers.${tier}`)).join("、") : t("rebatePrograms.detail.anyTier"),
    p.eligibleBranchIds.length ? `${t("rebatePrograms.fields.eligibleBranchIds")} ×${p.eligibleBranchIds.length}` : t("rebatePrograms.detail.anyBranch"),
    partnerCodes.length ? t("rebatePrograms.detail.partners", { codes: partnerCodes.slice(0, 12).join(" ") + (partnerCodes.length > 12 ? " …" : "") }) : null,
  ].filter(Boolean);
  return (
    <>
      <PageHeader
        title={`${p.code} · ${localName(i18n.language === "zh-CN", p.name, p.nameEn)}`}
        actions={
          canManage ? (
            <Link to={`/rebates/programs/${p.id}/edit`} className={buttonClass("secondary")}>
              {t("rebatePrograms.edit")}
            </Link>
          ) : null
        }
      >
        <p className="text-sm text-slate-600">
          {formatDate(p.periodStart, locale)} – {formatDate(p.periodEnd, locale)} · {t(`rebatePrograms.statuses.${p.status}`)}
        </p>
      </PageHeader>
      <RebateTabs />
      <div className="space-y-4">
        {done ? <Alert tone="success">{t("rebatePrograms.saved")}</Alert> : null}
        {frozen ? <Alert tone="info">{t("rebatePrograms.detail.locked")}</Alert> : null}
        <Card title={t("rebatePrograms.detail.rules")}>
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div><dt className="text-slate-500">{t("rebatePrograms.fields.basis")}</dt><dd>{t(`rebatePrograms.bases.${p.basis}`)}</dd></div>
            <div><dt className="text-slate-500">{t("rebatePrograms.fields.method")}</dt><dd>{t(`rebatePrograms.methods.${p.method}`)}</dd></div>
            <div>
              <dt className="text-slate-500">{t("rebatePrograms.fields.division")} / {t("rebatePrograms.fields.productLine")}</dt>
              <dd>{division ? localName(zh, division.nameZh, division.nameEn) : t("rebatePrograms.fields.anyDivision")} / {productLine ? localName(zh, productLine.nameZh, productLine.nameEn) : t("rebatePrograms.fields.anyProductLine")}</dd>
            </div>
            <div><dt className="text-slate-500">{t("rebatePrograms.fields.eligibility")}</dt><dd>{eligibility.join("；")}</dd></div>
            <div>
              <dt className="text-slate-500">{t("rebatePrograms.fields.tiers")}</dt>
              <dd>
                <ul>
                  {p.tiers.map((tier, i) => (
                    <li key={i}>{t("rebatePrograms.detail.tierRow", { min: percentOf(tier.minCompletionBp), rate: percentOf(tier.rateBp) })}</li>
                  ))}
                </ul>
              </dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("rebatePrograms.fields.multiplierTiers")}</dt>
              <dd>
                {p.multiplierTiers?.length ? (
                  <ul>
                    {p.multiplierTiers.map((m, i) => (
                      <li key={i}>{t("rebatePrograms.detail.multiplierRow", { min: percentOf(m.minOnTimeBp), multiplier: percentOf(m.multiplierBp, true) })}</li>
                    ))}
                  </ul>
                ) : (
                  t("rebatePrograms.detail.noMultiplier")
                )}
              </dd>
            </div>
            <div><dt className="text-slate-500">{t("rebatePrograms.fields.cap")}</dt><dd>{p.capFen === null ? t("rebatePrograms.detail.noCap") : <Money fen={p.capFen} locale={locale} />}</dd></div>
            <div><dt className="text-slate-500">{t("rebatePrograms.fields.includeSubtree")}</dt><dd>{p.includeSubtree ? t("common.yes") : t("common.no")}</dd></div>
            <div>
              <dt className="text-slate-500">{t("rebatePrograms.detail.byStatus")}</dt>
              <dd className="flex flex-wrap items-center gap-2">
                {byStatus.map((s) => (
                  <Badge key={s.status} tone={statusTone[s.status]}>
                    {t(`rebatePrograms.statementStatuses.${s.status}`)} {s.n}
                  </Badge>
                ))}
                <Link to={`/rebates/statements?program=${p.id}`} className="text-blue-700 underline">
                  {t("rebatePrograms.detail.viewStatements")}
                </Link>
              </dd>
            </div>
          </dl>
        </Card>
        <Card title={t("rebatePrograms.run.title")}>
          <p className="mb-3 text-sm text-slate-600">{t("rebatePrograms.run.intro")}</p>
          <FormAlert result={(actionData ?? null) as ActionResult} />
          <div className="mb-3">{run ? <RunProgress key={run.id} initial={run as RunState} /> : <p className="text-sm text-slate-600">{t("rebatePrograms.run.never")}</p>}</div>
          {run ? <p className="mb-3 text-xs text-slate-500">{t("rebatePrograms.run.last", { date: formatDateTime(run.createdAt, locale) })}</p> : null}
          <div className="flex flex-wrap gap-2">
            <Form method="get">
              <input type="hidden" name="preview" value="1" />
              <Button variant="secondary" disabled={busy}>{t("rebatePrograms.preview.run")}</Button>
            </Form>
            {canManage && p.status !== "archived" ? (
              <Form method="post">
                <CsrfInput />
                <Button disabled={busy || run?.status === "queued" || run?.status === "running"}>{t("rebatePrograms.run.start")}</Button>
              </Form>
            ) : null}
          </div>
        </Card>
        {preview ? <Preview preview={preview} /> : null}
      </div>
    </>
  );
}

function Preview({ preview }: { preview: NonNullable<Route.ComponentProps["loaderData"]["preview"]> }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { totals, top } = preview;
  const stats: [string, React.ReactNode][] = [
    [t("rebatePrograms.preview.partners"), totals.partners],
    [t("rebatePrograms.preview.withTarget"), totals.withTarget],
    [t("rebatePrograms.preview.earning"), totals.earning],
    [t("rebatePrograms.preview.capped"), totals.capped],
    [t("rebatePrograms.preview.basis"), <Money key="b" fen={totals.basisFen} locale={locale} />],
    [t("rebatePrograms.preview.amount"), <Money key="a" fen={totals.amountFen} locale={locale} />],
  ];
  return (
    <Card title={t("rebatePrograms.preview.title")}>
      <p className="mb-3 text-sm text-slate-600">{t("rebatePrograms.preview.intro")}</p>
      <dl className="mb-4 grid gap-3 text-sm sm:grid-cols-6">
        {stats.map(([label, value]) => (
          <div key={label} className="rounded bg-slate-50 p-2">
            <dt className="text-slate-500">{label}</dt>
            <dd className="text-base font-semibold tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="relative overflow-x-auto">
        <table className="min-w-full divide-y divide-slate-200 text-sm">
          <caption className="mb-2 text-left font-medium">{t("rebatePrograms.preview.top", { n: top.length })}</caption>
          <thead className="text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-2">{t("rebatePrograms.preview.partner")}</th>
              <th scope="col" className="px-2 py-2 text-right">{t("rebatePrograms.preview.basis")}</th>
              <th scope="col" className="px-2 py-2 text-right">{t("rebatePrograms.preview.target")}</th>
              <th scope="col" className="px-2 py-2 text-right">{t("rebatePrograms.preview.completion")}</th>
              <th scope="col" className="px-2 py-2">{t("rebatePrograms.preview.tier")}</th>
              <th scope="col" className="px-2 py-2 text-right">{t("rebatePrograms.preview.rate")}</th>
              <th scope="col" className="px-2 py-2 text-right">{t("rebatePrograms.preview.multiplier")}</th>
              <th scope="col" className="px-2 py-2 text-right">{t("rebatePrograms.preview.amountCol")}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {top.map((r) => (
              <tr key={r.organizationId}>
                <td className="px-2 py-1.5"><span className="font-mono text-xs">{r.code}</span> {r.name}</td>
                <td className="px-2 py-1.5 text-right tabular-nums"><Money fen={r.basisFen} locale={locale} /></td>
                <td className="px-2 py-1.5 text-right tabular-nums">{r.targetFen === null ? t("rebatePrograms.preview.noTarget") : <Money fen={r.targetFen} locale={locale} />}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{r.completionBp === null ? "—" : percentOf(r.completionBp)}</td>
                <td className="px-2 py-1.5">{r.tierIndex === null ? t("rebatePrograms.preview.noTier") : t("rebatePrograms.preview.tierN", { n: r.tierIndex + 1 })}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{r.rateBp ? percentOf(r.rateBp) : "—"}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">{percentOf(r.multiplierBp, true)}</td>
                <td className="px-2 py-1.5 text-right tabular-nums">
                  <Money fen={r.amountFen} locale={locale} /> {r.capApplied ? <Badge tone="amber">{t("rebatePrograms.preview.cappedBadge")}</Badge> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
