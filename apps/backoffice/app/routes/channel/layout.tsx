import { useTranslation } from "@cs/i18n/react";
import { Outlet } from "react-router";
import { TabNav } from "@cs/ui";

export default function ChannelLayout() {
  const { t } = useTranslation();
  return (
    <>
      <TabNav
        label={t("channel.title")}
        tabs={[
          { to: "/channel", label: t("channel.tabs.tree"), end: true },
          { to: "/channel/scorecard", label: t("channel.tabs.scorecard") },
          { to: "/channel/targets", label: t("channel.tabs.targets") },
        ]}
      />
      <Outlet />
    </>
  );
}
