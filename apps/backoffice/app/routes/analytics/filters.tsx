import type { ReactNode } from "react";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import { useSearchParams } from "react-router";
import { partnerTiers, regions } from "@cs/domain/shared/schema-vocabulary";
import { Alert, Card, SelectField, TextField } from "@cs/ui";

type Named = { id: string; nameZh: string; nameEn: string };
export type AnalyticsOptions = { tree: (Named & { lines: Named[] })[]; branches: { id: string; name: string }[] };

/** The scope filters every analysis page offers (division, its product lines when given, branch, region, tier), read from the URL. */
export function ScopeFilters({ options, lines }: { options: AnalyticsOptions; lines?: Named[] }) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const zh = i18n.language === "zh-CN";
  const pick = (name: string, label: string, choices: { value: string; label: string }[]) => (
    <SelectField label={label} name={name} defaultValue={params.get(name) ?? ""} placeholder={t("analytics.all")} options={choices} />
  );
  return (
    <>
      {pick("division", t("analytics.dims.division"), options.tree.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) })))}
      {lines ? pick("line", t("analytics.dims.line"), lines.map((l) => ({ value: l.id, label: localName(zh, l.nameZh, l.nameEn) }))) : null}
      {pick("branch", t("analytics.dims.branch"), options.branches.map((b) => ({ value: b.id, label: b.name })))}
      {pick("region", t("analytics.dims.region"), regions.map((r) => ({ value: r, label: t(`org.regions.${r}`) })))}
      {pick("tier", t("analytics.dims.tier"), partnerTiers.map((r) => ({ value: r, label: t(`org.tiers.${r}`) })))}
    </>
  );
}

/** One headline figure of an analysis: what it is, the figure, and what qualifies it. */
export function Kpi({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <Card>
      <div className="text-xs text-slate-500">{label}</div>
      <div className="text-lg font-semibold tabular-nums">{children}</div>
      {hint ? <div className="text-xs text-slate-500">{hint}</div> : null}
    </Card>
  );
}

/** The filters the analysis refused (reversed dates, a period too long), each in the reader's language. */
export function RefusedFilters({ refused }: { refused: Record<string, string[]> | null }) {
  const { t } = useTranslation();
  if (!refused) return null;
  return (
    <div className="mb-4">
      <Alert>{Object.values(refused).flat().map((k) => t(k)).join(" ")}</Alert>
    </div>
  );
}

/** From and to months, as the analysis read them or as the URL gave them. */
export function MonthRange({ from, to }: { from?: string; to?: string }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  return (
    <>
      <TextField label={t("analytics.fields.from")} name="from" type="month" defaultValue={from ?? params.get("from") ?? ""} />
      <TextField label={t("analytics.fields.to")} name="to" type="month" defaultValue={to ?? params.get("to") ?? ""} />
    </>
  );
}
