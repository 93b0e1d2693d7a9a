import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { Alert, PageHeader, TabNav, buttonClass } from "@cs/ui";

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

/** The top of a pricing list: the title, a "new" button for those who manage prices, the tabs, and the notice of what was just saved. */
export function PricingListTop({ newTo, newLabel, canManage, done }: { newTo: string; newLabel: string; canManage: boolean; done: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader
        title={t("pricing.title")}
        actions={
          canManage ? (
            <Link to={newTo} className={buttonClass("primary")}>
              {newLabel}
            </Link>
          ) : null
        }
      />
      <PricingTabs />
      {done ? (
        <div className="mb-4">
          <Alert tone="success">{t(done)}</Alert>
        </div>
      ) : null}
    </>
  );
}
