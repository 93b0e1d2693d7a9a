import { useTranslation } from "@cs/i18n/react";
import { Outlet } from "react-router";
import { TabNav } from "@cs/ui";

export default function AccountLayout() {
  const { t } = useTranslation();
  return (
    <>
      <TabNav
        label={t("billing.portal.title")}
        tabs={[
          { to: "/finance", label: t("billing.portal.overview"), end: true },
          { to: "/finance/invoices", label: t("billing.portal.invoices") },
          { to: "/finance/payments", label: t("billing.portal.payments") },
          { to: "/finance/payment-notices", label: t("billing.notices.title") },
          { to: "/finance/statements", label: t("billing.statements.nav") },
          { to: "/finance/red-letters", label: t("invoicing.redLetter.nav") },
          { to: "/finance/shipments", label: t("billing.portal.shipments") },
        ]}
      />
      <Outlet />
    </>
  );
}
