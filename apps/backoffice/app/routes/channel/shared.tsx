import type { TFunction } from "i18next";
import { useTranslation } from "@cs/i18n/react";
import { SelectField, formatPercentBp } from "@cs/ui";

export type PeriodKindName = "month" | "quarter" | "year";
export type FilterOptions = {
  branches: { id: string; name: string }[];
  divisions: { id: string; code: string; nameZh: string; nameEn: string }[];
  tiers: readonly string[];
};

/** "2026年第3季度" / "Q3 2026" for a period's first day. */
export function periodLabel(t: TFunction, kind: PeriodKindName, start: string) {
  const year = start.slice(0, 4);
  const month = Number(start.slice(5, 7));
  return t(`channel.period.label_${kind}`, { year, month, quarter: Math.floor((month - 1) / 3) + 1 });
}

/** Basis points as a percentage with two decimals ("80.00%"), or the fallback when absent. */
export function formatBp(bp: number | null, locale: string, fallback = "—") {
  if (bp === null) return fallback;
  return formatPercentBp(bp, locale, 2);
}

export const divisionName = (d: { nameZh: string; nameEn: string }, locale: string) => (locale === "en" ? d.nameEn : d.nameZh);

/** Period type and period (the choices offered are those of the type loaded). */
export function PeriodFields({ kind, start, starts }: { kind: PeriodKindName; start: string; starts: string[] }) {
  const { t } = useTranslation();
  return (
    <>
      <SelectField
        label={t("channel.period.kind")}
        name="periodKind"
        defaultValue={kind}
        options={(["month", "quarter", "year"] as const).map((k) => ({ value: k, label: t(`channel.period.${k}`) }))}
      />
      <SelectField label={t("channel.period.start")} name="periodStart" defaultValue={start} options={starts.map((s) => ({ value: s, label: periodLabel(t, kind, s) }))} />
    </>
  );
}

/** Branch, tier and (optionally) division filters. */
export function ScopeFields({ options, branchId, tier, divisionId }: { options: FilterOptions; branchId?: string; tier?: string; divisionId?: string | null }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <SelectField label={t("channel.fields.branch")} name="branchId" defaultValue={branchId ?? ""} placeholder={t("common.all")} options={options.branches.map((b) => ({ value: b.id, label: b.name }))} />
      <SelectField label={t("channel.fields.tier")} name="tier" defaultValue={tier ?? ""} placeholder={t("common.all")} options={options.tiers.map((x) => ({ value: x, label: t(`org.tiers.${x}`) }))} />
      {divisionId !== null ? (
        <SelectField
          label={t("channel.fields.division")}
          name="divisionId"
          defaultValue={divisionId ?? ""}
          placeholder={t("channel.fields.allDivisions")}
          options={options.divisions.map((d) => ({ value: d.id, label: `${d.code} ${divisionName(d, i18n.language)}` }))}
        />
      ) : null}
    </>
  );
}
