import { useTranslation } from "@cs/i18n/react";
import { TabNav } from "@cs/ui";

/** The four stock pages as one tab strip. */
export function StockTabs() {
  const { t } = useTranslation();
  return (
    <TabNav
      label={t("myStock.tabs.label")}
      tabs={[
        { to: "/stock", label: t("myStock.tabs.balances"), end: true },
        { to: "/stock/moves", label: t("myStock.tabs.moves") },
        { to: "/stock/call-offs", label: t("myStock.tabs.callOffs") },
        { to: "/stock/sell-out", label: t("myStock.tabs.sellOut") },
      ]}
    />
  );
}
