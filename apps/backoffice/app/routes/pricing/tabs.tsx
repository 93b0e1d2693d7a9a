import { useTranslation } from "@cs/i18n/react";
import { TabNav } from "@cs/ui";

export function PricingTabs() {
  const { t } = useTranslation();
  return (
    <TabNav
      label={t("pricing.tabs.label")}
      tabs={[
        { to: "/pricing", label: t("pricing.tabs.lists"), end: true },
        { to: "/pricing/contracts", label: t("pricing.tabs.contracts") },
        { to: "/pricing/promotions", label: t("pricing.tabs.promotions") },
        { to: "/pricing/check", label: t("pricing.tabs.check") },
      ]}
    />
  );
}

/** The success notice of a redirect after a save (`?done=saved`). */
export function doneKey(request: Request): string | null {
  const done = new URL(request.url).searchParams.get("done");
  return done === "saved" || done === "deleted" ? `pricing.${done}` : null;
}
