import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { satisfactionResults, type SatisfactionRow } from "@cs/domain";
import { localName } from "@cs/i18n";
import { Button, Card, PageHeader, TextField, formatNumber } from "@cs/ui";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/index";

/** 客户满意度: CSAT and NPS by survey, branch, station, product line and owner, and the monthly trend, within the viewer's scopes. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return await satisfactionResults(domainCtx(context, request), searchParamsObject(request));
});

const columns = ["sent", "answered", "responseRate", "csat", "satisfied", "nps"] as const;

function ResultsTable({ caption, rows, name }: { caption: string; rows: (SatisfactionRow & { month?: string })[]; name: (r: SatisfactionRow & { month?: string }) => string }) {
  const { t, i18n } = useTranslation();
  const n = (v: number | null, suffix = "") => (v === null ? "—" : `${formatNumber(v, i18n.language)}${suffix}`);
  const cells = (r: SatisfactionRow) => [
    n(r.sent),
    n(r.answered),
    n(r.sent ? Math.round((r.answered / r.sent) * 1000) / 10 : null, "%"),
    r.csatAverage === null ? "—" : `${n(r.csatAverage)} (${r.csatAnswers})`,
    n(r.csatSatisfied === null ? null : Math.round(r.csatSatisfied * 1000) / 10, "%"),
    r.nps === null ? "—" : `${n(r.nps)} (${r.npsAnswers})`,
  ];
  return (
    <Card title={caption}>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">—</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr className="text-left text-xs text-slate-500">
                <th scope="col" className="py-1">{t("satisfaction.columns.group")}</th>
                {columns.map((c) => (
                  <th key={c} scope="col" className="text-right">
                    {t(`satisfaction.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="tabular-nums">
              {rows.map((r) => (
                <tr key={r.month ?? r.key ?? "none"} className="border-t border-slate-100">
                  <th scope="row" className="py-1 text-left font-normal">{name(r)}</th>
                  {cells(r).map((v, i) => (
                    <td key={columns[i]} className="text-right">
                      {v}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export default function Satisfaction({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { period, overall } = loaderData;
  const zh = i18n.language === "zh-CN";
  const name = (r: SatisfactionRow) => localName(zh, r.name, r.nameEn) ?? t("satisfaction.unassigned");
  const headline = [
    ["csat", overall?.csatAverage == null ? "—" : `${formatNumber(overall.csatAverage, i18n.language)} / 5`],
    ["nps", overall?.nps == null ? "—" : formatNumber(overall.nps, i18n.language)],
    ["responseRate", overall?.sent ? `${formatNumber(Math.round((overall.answered / overall.sent) * 1000) / 10, i18n.language)}%` : "—"],
  ] as const;
  return (
    <div className="space-y-4">
      <PageHeader title={t("satisfaction.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("satisfaction.intro")}</p>
      </PageHeader>
      <Form method="get" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-3 shadow-sm ring-1 ring-slate-200">
        <TextField label={t("satisfaction.period.from")} name="from" type="date" defaultValue={period.from} />
        <TextField label={t("satisfaction.period.to")} name="to" type="date" defaultValue={period.to} />
        <Button>{t("satisfaction.period.apply")}</Button>
      </Form>
      <dl className="grid grid-cols-3 gap-3">
        {headline.map(([key, value]) => (
          <div key={key} className="rounded-lg bg-white px-3 py-2 shadow-sm ring-1 ring-slate-200">
            <dt className="text-xs text-slate-500">{t(`satisfaction.headline.${key}`)}</dt>
            <dd className="text-lg font-semibold tabular-nums text-slate-900">{value}</dd>
          </div>
        ))}
      </dl>
      <ResultsTable caption={t("satisfaction.by.trend")} rows={loaderData.trend} name={(r) => r.month ?? ""} />
      <ResultsTable caption={t("satisfaction.by.kind")} rows={loaderData.byKind} name={(r) => t(`satisfaction.kinds.${r.key}`, { defaultValue: r.key ?? "" })} />
      <div className="grid gap-4 xl:grid-cols-2">
        <ResultsTable caption={t("satisfaction.by.branch")} rows={loaderData.byBranch} name={name} />
        <ResultsTable caption={t("satisfaction.by.owner")} rows={loaderData.byOwner} name={name} />
        <ResultsTable caption={t("satisfaction.by.station")} rows={loaderData.byStation} name={name} />
        <ResultsTable caption={t("satisfaction.by.line")} rows={loaderData.byLine} name={name} />
      </div>
    </div>
  );
}
