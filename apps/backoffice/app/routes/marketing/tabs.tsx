import { useTranslation } from "@cs/i18n/react";
import { TabNav } from "@cs/ui";

export function MarketingTabs() {
  const { t } = useTranslation();
  return (
    <TabNav
      label={t("marketing.tabs.label")}
      tabs={[
        { to: "/marketing/budgets", label: t("marketing.tabs.pools") },
        { to: "/marketing/campaigns", label: t("marketing.tabs.campaigns") },
        { to: "/marketing/funds", label: t("marketing.tabs.funds") },
        { to: "/marketing/deals", label: t("deals.nav.staff") },
        { to: "/marketing/leads", label: t("leads.nav.staff") },
      ]}
    />
  );
}
