import { useTranslation } from "@cs/i18n/react";
import { Outlet } from "react-router";
import { requireActor } from "@cs/auth/server";
import { mayReadKnowledge } from "@cs/domain";
import { AppShell, type NavItem } from "@cs/ui";
import { NotificationBell, SearchBox, UserMenu } from "@cs/web";
import { domainCtx, headerCountsFor, guarded } from "@cs/web/server";
import type { Route } from "./+types/shell";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  return {
    canSeeOrganizations: actor.permissions.has("organization:read"),
    canWorkAccounts: actor.kind === "staff" && actor.permissions.has("relationship:work"),
    canSeeKnowledge: mayReadKnowledge(actor),
    canSeeServiceNetwork: actor.permissions.has("service:read"),
    canSeeStock: actor.permissions.has("stock:read"),
    canSeePricing: actor.kind === "staff" && actor.permissions.has("product:read"),
    canSeeReturns: actor.permissions.has("order:read"),
    canSeeService: actor.permissions.has("service:read"),
    canShip: actor.permissions.has("shipment:create"),
    canSeeFinance: actor.permissions.has("invoice:read"),
    canSeeOrders: actor.permissions.has("order:read"),
    canManageSupplyRoutes: actor.permissions.has("supply_route:manage"),
    canSeeChannel: actor.kind === "staff" && actor.permissions.has("channel:read"),
    canSeeRebates: actor.kind === "staff" && actor.permissions.has("rebate:read"),
    canSeeMarketing: actor.kind === "staff" && actor.permissions.has("marketing:read"),
    canSeeDeals: actor.kind === "staff" && actor.permissions.has("deal:read"),
    canManageCoupons: actor.kind === "staff" && actor.permissions.has("coupon:manage"),
    canSeeAnalytics: actor.kind === "staff" && actor.permissions.has("analytics:read"),
    canWorkComplaints: actor.kind === "staff" && actor.permissions.has("complaint:manage"),
    canSeeSatisfaction: actor.kind === "staff" && actor.permissions.has("satisfaction:read"),
    unread: (await headerCountsFor(domainCtx(context, request))).unread,
  };
});

export default function Shell({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const g = (key: string) => t(`nav.groups.${key}`);
  // Grouped by job: on a desktop the header lists the groups and a bar under it the current group's entries;
  // on a phone they sit under their group in the menu. `match` claims the pages an entry leads to elsewhere.
  const nav: NavItem[] = [
    { to: "/", label: t("nav.home"), end: true },
    ...(loaderData.canSeeOrganizations ? [{ to: "/organizations", label: t("nav.organizations"), group: g("customers") }] : []),
    ...(loaderData.canWorkAccounts ? [{ to: "/my-day", label: t("relations.myDay.nav"), group: g("customers") }] : []),
    // Coupons are customer care (客户关怀): personal codes for partners, tiers and end customers.
    ...(loaderData.canManageCoupons ? [{ to: "/coupons", label: t("coupons.nav.staff"), group: g("customers") }] : []),
    ...(loaderData.canWorkComplaints ? [{ to: "/complaints", label: t("complaints.nav.staff"), group: g("customers") }] : []),
    ...(loaderData.canSeeSatisfaction ? [{ to: "/satisfaction", label: t("satisfaction.nav.staff"), group: g("customers") }] : []),
    ...(loaderData.canSeeOrders ? [{ to: "/orders", label: t("desk.nav"), group: g("sales") }] : []),
    ...(loaderData.canSeeReturns ? [{ to: "/returns", label: t("returns.nav"), group: g("sales") }] : []),
    ...(loaderData.canSeePricing ? [{ to: "/pricing", label: t("pricing.nav"), group: g("sales") }] : []),
    { to: "/products", label: t("nav.products"), group: g("sales") },
    ...(loaderData.canSeeStock ? [{ to: "/stock", label: t("stock.title"), group: g("logistics") }] : []),
    ...(loaderData.canShip ? [{ to: "/shipping", label: t("billing.shipping.nav"), group: g("logistics") }] : []),
    ...(loaderData.canManageSupplyRoutes ? [{ to: "/supply-routes", label: t("supply.nav"), group: g("logistics") }] : []),
    ...(loaderData.canSeeFinance
      ? [{ to: "/finance/invoices", label: t("billing.finance.nav"), group: g("finance"), match: ["/finance"] }]
      : []),
    ...(loaderData.canSeeChannel ? [{ to: "/channel", label: t("channel.nav"), group: g("channel") }] : []),
    ...(loaderData.canSeeRebates ? [{ to: "/rebates", label: t("rebatePrograms.nav"), group: g("channel") }] : []),
    ...(loaderData.canSeeAnalytics ? [{ to: "/analytics/sales", label: t("analytics.nav"), group: g("channel"), match: ["/analytics"] }] : []),
    // Budgets, campaigns and funds are the marketing pages' own tabs.
    ...(loaderData.canSeeMarketing
      ? [{ to: "/marketing/campaigns", label: t("marketing.nav.group"), group: g("channel"), match: ["/marketing"] }]
      : []),
    // Deal registrations are a tab of the marketing pages; those who see deals but not marketing (sales) get their own entry.
    ...(loaderData.canSeeDeals && !loaderData.canSeeMarketing ? [{ to: "/marketing/deals", label: t("deals.nav.staff"), group: g("channel") }] : []),
    ...(loaderData.canSeeService
      ? [{ to: "/service/requests", label: t("service.desk.nav"), group: g("afterSales"), match: ["/service/settlements", "/service/calendar"] }]
      : []),
    ...(loaderData.canSeeServiceNetwork
      ? [
          { to: "/service/stations", label: t("network.nav"), group: g("afterSales") },
          { to: "/service/warranty", label: t("network.warranty.nav"), group: g("afterSales") },
          { to: "/service/history", label: t("network.history.nav"), group: g("afterSales") },
          { to: "/service/dashboard", label: t("serviceDashboard.nav"), group: g("afterSales") },
        ]
      : []),
    ...(loaderData.canSeeKnowledge ? [{ to: "/service/knowledge", label: t("knowledge.nav"), group: g("afterSales") }] : []),
  ];
  return (
    <AppShell brand={t("app.backoffice")} nav={nav} userArea={<><NotificationBell unread={loaderData.unread} /><UserMenu /></>} skipLabel={t("nav.skip")} navLabel={t("nav.main")} menuLabel={t("nav.menu")} search={<SearchBox />}>
      <Outlet />
    </AppShell>
  );
}
