import { useTranslation } from "@cs/i18n/react";
import { Outlet } from "react-router";
import { requireActor } from "@cs/auth/server";
import { mayAnswerSurveys, mayFulfil, mayReadKnowledge } from "@cs/domain";
import { AppShell, type NavItem } from "@cs/ui";
import { CartLink, NotificationBell, SearchBox, UserMenu } from "@cs/web";
import { domainCtx, headerCountsFor, guarded } from "@cs/web/server";
import type { Route } from "./+types/shell";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  const ctx = domainCtx(context, request);
  const [{ unread, cartLines }, canFulfil] = await Promise.all([headerCountsFor(ctx), mayFulfil(ctx)]);
  return {
    hasCompany: actor.permissions.has("own_organization:read"),
    canSeeKnowledge: mayReadKnowledge(actor),
    canSeeProducts: actor.permissions.has("product:read"),
    canSeeStock: actor.permissions.has("own_stock:read"),
    canSeeReturns: actor.permissions.has("own_order:read"),
    canSeeAccount: actor.permissions.has("own_account:read"),
    unread,
    canOrder: actor.permissions.has("own_order:place"),
    cartLines,
    canSeeOrders: actor.permissions.has("own_order:read"),
    canSeePerformance: actor.permissions.has("own_performance:read"),
    canSeeRebates: actor.permissions.has("own_rebate:read"),
    canApplyForFunds: actor.permissions.has("own_marketing:apply"),
    canRegisterDeals: actor.permissions.has("own_deal:register"),
    canWorkLeads: actor.permissions.has("own_lead:work"),
    canFulfil,
    canFileRepairs: actor.permissions.has("own_service:file"),
    canWorkRepairs: actor.permissions.has("station_service:work"),
    canFileComplaints: actor.permissions.has("own_complaint:file"),
    canAnswerSurveys: mayAnswerSurveys(actor),
  };
});

export default function Shell({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const g = (key: string) => t(`nav.groups.${key}`);
  // Grouped by job: on a desktop the header lists the groups and a bar under it the current group's entries;
  // on a phone they sit under their group in the menu. `match` claims the pages an entry leads to elsewhere.
  const nav: NavItem[] = [
    { to: "/", label: t("nav.home"), end: true },
    // The cart is the header's cart icon, with its count, on a desktop and a phone alike.
    // One catalogue: ordering partners know it as 在线订货, repair stations read it as the product list.
    ...(loaderData.canSeeProducts ? [{ to: "/catalog", label: loaderData.canOrder ? t("catalog.nav") : t("nav.products"), group: g("ordering"), match: ["/cart", "/checkout"] }] : []),
    ...(loaderData.canSeeOrders ? [{ to: "/orders", label: t("orders.nav"), group: g("ordering") }] : []),
    ...(loaderData.canOrder ? [{ to: "/coupons", label: t("coupons.nav.portal"), group: g("ordering") }] : []),
    ...(loaderData.canFulfil ? [{ to: "/supplied-orders", label: t("supply.portal.nav"), group: g("ordering") }] : []),
    ...(loaderData.canSeeReturns ? [{ to: "/returns", label: t("returns.nav"), group: g("ordering") }] : []),
    ...(loaderData.canSeeStock ? [{ to: "/stock", label: t("myStock.nav"), group: g("stock") }] : []),
    ...(loaderData.canSeeAccount ? [{ to: "/finance", label: t("billing.portal.nav"), group: g("finance") }] : []),
    ...(loaderData.canSeeRebates ? [{ to: "/rebates", label: t("rebatePortal.nav"), group: g("rebates") }] : []),
    ...(loaderData.canApplyForFunds ? [{ to: "/marketing-funds", label: t("marketing.nav.portal"), group: g("rebates") }] : []),
    ...(loaderData.canRegisterDeals ? [{ to: "/deals", label: t("deals.nav.portal"), group: g("rebates") }] : []),
    ...(loaderData.canWorkLeads ? [{ to: "/leads", label: t("leads.nav.portal"), group: g("rebates") }] : []),
    ...(loaderData.canSeePerformance ? [{ to: "/performance", label: t("channel.performance.nav"), group: g("rebates") }] : []),
    ...(loaderData.canFileRepairs ? [{ to: "/service/requests", label: t("service.nav"), group: g("service"), match: ["/service/devices"] }] : []),
    ...(loaderData.canWorkRepairs ? [{ to: "/service/queue", label: t("service.queue.nav"), group: g("service"), match: ["/service/settlements"] }] : []),
    ...(loaderData.canWorkRepairs ? [{ to: "/service/parts", label: t("stationParts.nav"), group: g("service") }] : []),
    ...(loaderData.canSeeKnowledge ? [{ to: "/knowledge", label: t("knowledge.nav"), group: g("service") }] : []),
    ...(loaderData.canFileComplaints ? [{ to: "/complaints", label: t("complaints.nav.portal"), group: g("service") }] : []),
    ...(loaderData.canAnswerSurveys ? [{ to: "/surveys", label: t("satisfaction.nav.portal"), group: g("service") }] : []),
    ...(loaderData.hasCompany ? [{ to: "/company", label: t("nav.myCompany"), group: g("company") }] : []),
    { to: "/account", label: t("nav.account"), group: g("company") },
  ];
  return (
    <AppShell brand={t("app.portal")} nav={nav} userArea={<>{loaderData.cartLines !== null ? <CartLink lines={loaderData.cartLines} /> : null}<NotificationBell unread={loaderData.unread} /><UserMenu /></>} skipLabel={t("nav.skip")} navLabel={t("nav.main")} menuLabel={t("nav.menu")} search={<SearchBox />}>
      <Outlet />
    </AppShell>
  );
}
