import { useTranslation } from "@cs/i18n/react";
import { Outlet } from "react-router";
import { authorize } from "@cs/domain";
import { TabNav } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/layout";
import { hasKey } from "@cs/domain/shared/keys";

/** Every stock page needs stock:read; without it the whole section does not exist (404). */
export const loader = guarded(function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "stock:read");
  return null;
});

const tabs = [
  { to: "/stock", key: "products", end: true },
  { to: "/stock/locations", key: "locations" },
  { to: "/stock/moves", key: "moves" },
  { to: "/stock/low", key: "low" },
  { to: "/stock/partners", key: "partners" },
  { to: "/stock/documents", key: "documents" },
  { to: "/stock/serials", key: "serials" },
] as const;

export default function StockLayout() {
  const { t } = useTranslation();
  return (
    <>
      <TabNav label={t("stock.tabs.label")} tabs={tabs.map((tab) => ({ to: tab.to, end: hasKey(tab, "end") ? tab.end : false, label: t(`stock.tabs.${tab.key}`) }))} />
      <Outlet />
    </>
  );
}
