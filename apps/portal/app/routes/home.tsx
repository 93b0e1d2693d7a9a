import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { localName } from "@cs/i18n";
import { listMyDevices, loginVerificationState, portalHome, type PortalHome } from "@cs/domain";
import { Alert, Card, Figure, PageHeader, buttonClass, cn, formatDate, formatMoney, formatPercentBp } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import { OrderStatusBadge } from "./orders/status";
import type { Route } from "./+types/home";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const customer = ctx.actor.kind === "customer";
  const [home, verification, devices] = await Promise.all([
    portalHome(ctx),
    customer ? loginVerificationState(ctx) : null,
    customer ? listMyDevices(ctx).then((d) => d.slice(0, 5)) : [],
  ]);
  // A customer who skipped the code step is reminded: records known under their login wait for it.
  return { home, devices, unverified: verification?.pending ?? false, name: ctx.actor.displayName, kind: ctx.actor.kind };
});

function CreditCard({ credit }: { credit: NonNullable<PortalHome["credit"]> }) {
  const { t, i18n } = useTranslation();
  const money = (fen: bigint) => formatMoney(fen, i18n.language);
  const usedFen = credit.openReceivablesFen + credit.openOrdersFen;
  const share = credit.limitFen > 0n ? Number((usedFen * 1000n) / credit.limitFen) / 10 : 100;
  return (
    <Card title={t("portalHome.credit.title")}>
      {credit.onHold ? <Alert>{t("portalHome.credit.onHold")}</Alert> : null}
      <div className="grid grid-cols-3 gap-1">
        <Figure to="/finance" label={t("portalHome.credit.limit")} value={money(credit.limitFen)} />
        <Figure to="/finance" label={t("portalHome.credit.used")} value={money(usedFen)} />
        <Figure to="/finance" label={t("portalHome.credit.available")} value={money(credit.availableFen)} tone={credit.availableFen <= 0n ? "red" : "green"} />
      </div>
      <div className="mx-2 mt-2 h-2 overflow-hidden rounded-full bg-slate-100" role="presentation">
        <div className={cn("h-full rounded-full", share >= 90 ? "bg-red-600" : share >= 70 ? "bg-amber-500" : "bg-blue-700")} style={{ width: `${Math.min(100, Math.max(0, share))}%` }} />
      </div>
      <p className="mx-2 mt-1 text-xs text-slate-500">
        {t("portalHome.credit.usedHint", { receivables: money(credit.openReceivablesFen), orders: money(credit.openOrdersFen) })}
      </p>
    </Card>
  );
}

function InvoicesCard({ invoices }: { invoices: NonNullable<PortalHome["invoices"]> }) {
  const { t, i18n } = useTranslation();
  const none = invoices.overdue.count === 0 && invoices.dueSoon.count === 0;
  return (
    <Card title={t("portalHome.invoices.title")}>
      {none ? (
        <p className="px-2 text-sm text-slate-600">{t("portalHome.invoices.none")}</p>
      ) : (
        <div className="grid grid-cols-2 gap-1">
          <Figure
            to="/finance/invoices?state=overdue"
            label={t("portalHome.invoices.overdue", { count: invoices.overdue.count })}
            value={formatMoney(invoices.overdue.fen, i18n.language)}
            tone={invoices.overdue.count > 0 ? "red" : "slate"}
          />
          <Figure
            to="/finance/invoices?state=open&sort=dueOn&dir=asc"
            label={t("portalHome.invoices.dueSoon", { count: invoices.dueSoon.count, days: invoices.dueSoonDays })}
            value={formatMoney(invoices.dueSoon.fen, i18n.language)}
            tone={invoices.dueSoon.count > 0 ? "amber" : "slate"}
          />
        </div>
      )}
    </Card>
  );
}

function OrdersCard({ home }: { home: PortalHome }) {
  const { t, i18n } = useTranslation();
  const open = Object.entries(home.orders ?? {}).filter(([, n]) => n > 0);
  return (
    <Card
      title={t("portalHome.orders.title")}
      actions={
        <Link to="/orders" className="text-sm text-blue-700 underline">
          {t("portalHome.orders.all")}
        </Link>
      }
    >
      {open.length === 0 ? (
        <p className="px-2 text-sm text-slate-600">{t("portalHome.orders.none")}</p>
      ) : (
        <div className="grid grid-cols-2 gap-1 sm:grid-cols-4">
          {open.map(([status, n]) => (
            <Figure key={status} to={`/orders?status=${status}`} label={t(`orders.status.${status}`)} value={n} tone={status === "pending_approval" ? "amber" : "slate"} />
          ))}
        </div>
      )}
      {home.recentOrders.length > 0 ? (
        <>
          <h3 className="mx-2 mt-3 text-sm font-medium text-slate-700">{t("portalHome.orders.recent")}</h3>
          <ul className="mt-1 divide-y divide-slate-100">
            {home.recentOrders.map((o) => (
              <li key={o.id}>
                <Link to={`/orders/${o.id}`} className="grid grid-cols-[1fr_auto] items-center gap-x-3 gap-y-0.5 px-2 py-2 text-sm hover:bg-slate-50">
                  <span className="font-medium text-blue-800">{o.number}</span>
                  <span className="text-right tabular-nums">{formatMoney(o.totalFen, i18n.language)}</span>
                  <span className="text-xs text-slate-500">{formatDate(o.submittedAt, i18n.language)}</span>
                  <span className="text-right">
                    <OrderStatusBadge status={o.status} />
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}

function RepairsCard({ repairs, station, claimsToFile, partsLow }: { repairs: NonNullable<PortalHome["repairs"]>; station: boolean; claimsToFile: number | null; partsLow: number | null }) {
  const { t } = useTranslation();
  const list = station ? "/service/queue" : "/service/requests";
  return (
    <Card
      title={t("portalHome.repairs.title")}
      actions={
        <Link to={station ? "/service/queue" : "/service/requests/new"} className="text-sm text-blue-700 underline">
          {station ? t("portalHome.repairs.queue") : t("portalHome.repairs.file")}
        </Link>
      }
    >
      {claimsToFile ? (
        <Figure to="/service/requests?claimable=1" label={t("portalHome.repairs.claimsToFile")} value={claimsToFile} tone="amber" />
      ) : null}
      {partsLow ? <Figure to="/service/parts?low=1" label={t("portalHome.repairs.partsLow")} value={partsLow} tone="red" /> : null}
      {repairs.open === 0 ? (
        <p className="px-2 text-sm text-slate-600">{t("portalHome.repairs.none")}</p>
      ) : (
        <div className="grid grid-cols-2 gap-1">
          <Figure to={list} label={t("portalHome.repairs.open")} value={repairs.open} />
          <Figure to={station ? list : "/service/requests?breached=1"} label={t("portalHome.repairs.breached")} value={repairs.breached} tone={repairs.breached > 0 ? "red" : "slate"} />
        </div>
      )}
    </Card>
  );
}

function RebateCard({ balanceFen, next }: { balanceFen: bigint | null; next: PortalHome["nextTier"] }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  // Completion towards the next tier's threshold, as the bar's share.
  const share = next && next.nextMinCompletionBp > 0 ? Math.min(100, Math.round((next.completionBp / next.nextMinCompletionBp) * 100)) : 0;
  return (
    <Card title={t("portalHome.rebate.title")}>
      {balanceFen !== null ? <Figure to="/rebates" label={t("portalHome.rebate.hint")} value={formatMoney(balanceFen, locale)} tone={balanceFen > 0n ? "green" : "slate"} /> : null}
      {next ? (
        <Link to="/performance" className="mt-2 block rounded-md px-2 py-2 hover:bg-slate-50">
          <span className="block text-sm font-medium text-amber-900">
            {t("portalHome.rebate.next", { amount: formatMoney(next.remainingFen, locale), rate: formatPercentBp(next.nextRateBp, locale) })}
          </span>
          <span
            className="mt-1.5 block h-2 overflow-hidden rounded-full bg-slate-100"
            role="progressbar"
            aria-label={t("portalHome.rebate.progress")}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={share}
          >
            <span className="block h-full rounded-full bg-amber-500" style={{ width: `${share}%` }} />
          </span>
          <span className="mt-1 block text-xs text-slate-500">
            {t("portalHome.rebate.program", {
              name: localName(locale === "zh-CN", next.programName, next.programNameEn),
              completion: formatPercentBp(next.completionBp, locale),
              threshold: formatPercentBp(next.nextMinCompletionBp, locale),
              end: formatDate(next.periodEnd, locale),
            })}
          </span>
        </Link>
      ) : null}
    </Card>
  );
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { home, devices } = loaderData;
  const zh = i18n.language === "zh-CN";
  const money = (fen: bigint) => formatMoney(fen, i18n.language);
  const station = home.organization?.kind === "repair_station";
  const supplied = home.supplied ? (["backorders", "to_ship"] as const).filter((q) => home.supplied![q] > 0) : [];
  return (
    <>
      <PageHeader title={t("home.welcome", { name: loaderData.name })}>
        {home.organization ? <p className="mt-1 text-slate-600">{home.organization.name}</p> : null}
      </PageHeader>
      {loaderData.unverified ? (
        <div className="mb-4">
          <Alert tone="info">
            {t("verify.banner")}{" "}
            <Link to="/register/verify" className="font-medium underline">
              {t("verify.bannerAction")}
            </Link>
          </Alert>
        </div>
      ) : null}
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {supplied.length > 0 ? (
          <Card title={t("portalHome.supplied.title")} className="border-l-4 border-amber-500">
            <div className="grid grid-cols-2 gap-1">
              {supplied.map((q) => (
                <Figure key={q} to={`/supplied-orders?queue=${q}`} label={t(`portalHome.supplied.${q}`)} value={home.supplied![q]} tone="amber" />
              ))}
            </div>
          </Card>
        ) : null}
        {home.credit ? <CreditCard credit={home.credit} /> : null}
        {home.invoices ? <InvoicesCard invoices={home.invoices} /> : null}
        {home.orders ? <OrdersCard home={home} /> : null}
        {home.cart ? (
          <Card title={t("portalHome.cart.title")}>
            <p className="px-2 text-sm text-slate-700">{home.cart.lines > 0 ? t("portalHome.cart.lines", home.cart) : t("portalHome.cart.empty")}</p>
            <div className="mt-3 flex flex-wrap gap-2 px-2">
              {home.cart.lines > 0 ? (
                <Link to="/cart" className={buttonClass("primary")}>
                  {t("portalHome.cart.open")}
                </Link>
              ) : null}
              <Link to="/cart/quick-order" className={buttonClass("secondary")}>
                {t("portalHome.cart.quickOrder")}
              </Link>
              <Link to="/cart/templates" className={buttonClass("secondary")}>
                {t("portalHome.cart.templates")}
              </Link>
            </div>
          </Card>
        ) : null}
        {home.rebateBalanceFen !== null || home.nextTier ? <RebateCard balanceFen={home.rebateBalanceFen} next={home.nextTier} /> : null}
        {home.repairs ? <RepairsCard repairs={home.repairs} station={station} claimsToFile={home.claimsToFile} partsLow={home.partsLow} /> : null}
        {home.promotions.length > 0 ? (
          <Card
            title={t("portalHome.promotions.title")}
            actions={
              <Link to="/catalog" className="text-sm text-blue-700 underline">
                {t("portalHome.promotions.browse")}
              </Link>
            }
          >
            <ul className="divide-y divide-slate-100">
              {home.promotions.map((p) => (
                <li key={p.id} className="px-2 py-2 text-sm">
                  <span className="font-medium">{localName(zh, p.nameZh, p.nameEn)}</span>
                  {p.productNameZh || p.productNameEn ? <span className="text-slate-600"> · {localName(zh, p.productNameZh, p.productNameEn)}</span> : null}
                  <span className="block text-xs text-slate-500">
                    {p.discountBp !== null
                      ? t("portalHome.promotions.off", { percent: `${p.discountBp / 100}%` })
                      : t("portalHome.promotions.price", { price: money(p.promoPriceFen ?? 0n) })}{" "}
                    · {t("portalHome.promotions.until", { date: formatDate(p.endsOn, i18n.language) })}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
        {loaderData.kind === "customer" ? (
          <Card
            title={t("portalHome.customer.devices")}
            actions={
              <Link to="/service/devices" className="text-sm text-blue-700 underline">
                {t("portalHome.customer.register")}
              </Link>
            }
          >
            {devices.length === 0 ? (
              <p className="px-2 text-sm text-slate-600">{t("portalHome.customer.noDevices")}</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {devices.map((d) => (
                  <li key={d.id} className="px-2 py-2 text-sm">
                    <span className="font-medium">{localName(zh, d.nameZh, d.nameEn)}</span> <span className="text-slate-500">{d.serial}</span>
                    {d.warranty.endsOn ? (
                      <span className="block text-xs text-slate-500">{t("portalHome.customer.warrantyUntil", { date: formatDate(d.warranty.endsOn, i18n.language) })}</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </Card>
        ) : null}
      </div>
    </>
  );
}
