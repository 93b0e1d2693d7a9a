import { useTranslation } from "@cs/i18n/react";
import { TabNav } from "@cs/ui";

export function RebateTabs() {
  const { t } = useTranslation();
  return (
    <TabNav
      label={t("rebatePrograms.tabs.label")}
      tabs={[
        { to: "/rebates", label: t("rebatePrograms.tabs.programs"), end: true },
        { to: "/rebates/statements", label: t("rebatePrograms.tabs.statements") },
        { to: "/rebates/adjustments", label: t("rebateAdjustments.nav") },
        { to: "/rebates/balances", label: t("rebateBalance.nav") },
        { to: "/rebates/price-protection", label: t("priceProtection.nav") },
      ]}
    />
  );
}

/** 1250 bp → "12.5%"; as a multiplier 11000 → "×1.1". */
export function percentOf(bp: number, asMultiplier = false) {
  return asMultiplier ? `×${(bp / 10000).toFixed(4).replace(/\.?0+$/, "")}` : `${(bp / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}
