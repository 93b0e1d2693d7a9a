import { useTranslation } from "@cs/i18n/react";
import { Outlet } from "react-router";
import { TabNav } from "@cs/ui";

/** 渠道 → 分析: the analysis pages, one tab each. */
export default function AnalyticsLayout() {
  const { t } = useTranslation();
  return (
    <>
      <TabNav label={t("analytics.title")} tabs={[
          { to: "/analytics/sales", label: t("analytics.tabs.sales") },
          { to: "/analytics/channel", label: t("analytics.tabs.channel") },
        ]} />
      <Outlet />
    </>
  );
}
