import { useTranslation } from "@cs/i18n/react";
import { Outlet } from "react-router";
import { TabNav } from "@cs/ui";

export default function FinanceLayout() {
  const { t } = useTranslation();
  return (
    <>
      <TabNav
        label={t("billing.finance.title")}
        tabs={[
          { to: "/finance/invoices", label: t("billing.finance.invoices") },
          { to: "/finance/payments", label: t("billing.finance.payments") },
          { to: "/finance/payment-notices", label: t("billing.notices.title") },
          { to: "/finance/aging", label: t("billing.finance.aging") },
          { to: "/finance/statements", label: t("billing.statements.nav") },
          { to: "/finance/red-letters", label: t("invoicing.redLetter.nav") },
          { to: "/finance/einvoice-export", label: t("invoicing.export.nav") },
        ]}
      />
      <Outlet />
    </>
  );
}
