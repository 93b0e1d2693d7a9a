import { useTranslation } from "@cs/i18n/react";
import { Outlet } from "react-router";
import { TabNav } from "@cs/ui";

export default function ShippingLayout() {
  const { t } = useTranslation();
  return (
    <>
      <TabNav
        label={t("billing.shipping.title")}
        tabs={[
          { to: "/shipping", label: t("billing.shipping.toShip"), end: true },
          { to: "/shipping/shipments", label: t("billing.shipping.shipments") },
        ]}
      />
      <Outlet />
    </>
  );
}
