import { useTranslation } from "@cs/i18n/react";
import { TabNav } from "@cs/ui";

export function CartTabs() {
  const { t } = useTranslation();
  return (
    <TabNav
      label={t("catalog.cart.title")}
      tabs={[
        { to: "/cart", label: t("catalog.cart.title"), end: true },
        { to: "/cart/quick-order", label: t("catalog.cart.quickOrder") },
        { to: "/cart/templates", label: t("catalog.cart.templates") },
      ]}
    />
  );
}
