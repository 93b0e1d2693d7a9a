import type { TFunction } from "i18next";
import { useTranslation } from "@cs/i18n/react";
import { localName } from "@cs/i18n";
import type { SalesQuery, SalesRow } from "@cs/domain";
import { drillTarget, monthIndex, monthName } from "@cs/domain/analytics/sales-query";
import { formatMoney, formatPercentBp } from "@cs/ui";

/** Money, changes and percentages as the analysis pages show them (fen in, text out; yuan numbers for the chart). */
export function useSalesFormat() {
  const { i18n } = useTranslation();
  const locale = i18n.language;
  const compact = new Intl.NumberFormat(locale, { notation: "compact", maximumFractionDigits: 1 });
  return {
    money: (fen: bigint) => formatMoney(fen, locale),
    pct: (bp: number | null) => (bp === null ? "—" : formatPercentBp(bp, locale)),
    change: (bp: number | null) => (bp === null ? "—" : `${bp > 0 ? "+" : ""}${formatPercentBp(bp, locale)}`),
    /** Fen to yuan for a chart axis: exact below 2^53 fen. */
    yuan: (fen: bigint) => Number(fen) / 100,
    yuanText: (yuan: number) => formatMoney(Math.round(yuan * 100), locale),
    axis: (yuan: number) => compact.format(yuan),
  };
}

/** A row's name: the record's (code and name), a translated region or tier, or the period itself. */
export function rowLabel(t: TFunction, zh: boolean, dim: SalesQuery["dim"], r: Pick<SalesRow, "key" | "code" | "nameZh" | "nameEn">) {
  if (!r.key) return t("analytics.none");
  if (dim === "region") return t(`org.regions.${r.key}`);
  if (dim === "tier") return t(`org.tiers.${r.key}`);
  if (dim === "period") return r.key;
  const name = localName(zh, r.nameZh ?? "", r.nameEn ?? "");
  return dim === "product" || dim === "partner" ? `${r.code ?? ""} ${name}`.trim() : name;
}

/**
 * Where a row leads: its filter added and the next dimension down (division → line → product,
 * branch/region/tier → partner), or the invoice lines behind it; a period narrows the range to itself.
 */
export function drillHref(params: URLSearchParams, q: Pick<SalesQuery, "dim" | "grain">, r: Pick<SalesRow, "key">): string | null {
  if (!r.key) return null;
  const next = new URLSearchParams(params);
  next.delete("page");
  if (q.dim === "period") {
    next.set("from", r.key);
    next.set("to", q.grain === "quarter" ? monthName(monthIndex(r.key) + 2) : r.key);
  } else next.set(q.dim, r.key);
  const target = drillTarget(q.dim);
  if (target === "lines") return `/analytics/sales/lines?${next.toString()}`;
  next.set("dim", target);
  return `/analytics/sales?${next.toString()}`;
}
