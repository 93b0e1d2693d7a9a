import { useTranslation } from "@cs/i18n/react";
import { staffHome, type StaffHome } from "@cs/domain";
import { Link } from "react-router";
import { Card, Figure, PageHeader, formatDate, formatDateTime, formatMoney, formatNumber } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/home";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return { home: await staffHome(ctx), name: ctx.actor.displayName, roles: ctx.actor.roles };
});

type Item = { key: string; to: string; label: string; value: number; urgent?: boolean };

/** A queue card: its non-empty entries first, each a link into the list filtered to it. */
function QueueCard({ title, items }: { title: string; items: Item[] }) {
  const { i18n } = useTranslation();
  return (
    <Card title={title}>
      <div className="grid grid-cols-2 gap-1 sm:grid-cols-3">
        {[...items]
          .sort((a, b) => Number(b.value > 0) - Number(a.value > 0))
          .map((item) => (
            <Figure key={item.key} to={item.to} label={item.label} value={formatNumber(item.value, i18n.language)} tone={item.value > 0 ? (item.urgent ? "red" : "amber") : "slate"} />
          ))}
      </div>
    </Card>
  );
}

function SalesCard({ sales }: { sales: NonNullable<StaffHome["sales"]> }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const change =
    sales.lastMonthFen === 0n ? null : Number(((sales.thisMonthFen - sales.lastMonthFen) * 1000n) / (sales.lastMonthFen < 0n ? -sales.lastMonthFen : sales.lastMonthFen)) / 10;
  return (
    <Card title={t("staffHome.sales.title")}>
      <Figure
        to={`/finance/invoices?sort=issuedOn&dir=desc`}
        label={t("staffHome.sales.thisMonth", { from: formatDate(sales.from, lng), to: formatDate(sales.to, lng) })}
        value={formatMoney(sales.thisMonthFen, lng)}
        hint={t("staffHome.sales.lastMonth", { amount: formatMoney(sales.lastMonthFen, lng) })}
      />
      <p className={`mx-2 mt-1 text-sm font-medium ${change === null ? "text-slate-500" : change >= 0 ? "text-green-800" : "text-red-700"}`}>
        {change === null ? t("staffHome.sales.noBase") : t("staffHome.sales.change", { change: `${change >= 0 ? "+" : ""}${change.toFixed(1)}%` })}
      </p>
    </Card>
  );
}

/** 我的今日 on the home page: the counts, and the tasks due by tonight as links to their accounts. */
function MyDayCard({ day }: { day: NonNullable<StaffHome["myDay"]> }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const now = new Date();
  return (
    <Card title={t("relations.myDay.title")} actions={<Link to="/my-day" className="text-sm text-blue-800 hover:underline">{t("relations.myDay.open")}</Link>}>
      <div className="grid grid-cols-3 gap-1">
        <Figure to="/my-day" label={t("relations.myDay.overdue")} value={formatNumber(day.overdue, lng)} tone={day.overdue > 0 ? "red" : "slate"} />
        <Figure to="/my-day" label={t("relations.myDay.today")} value={formatNumber(day.today, lng)} tone={day.today > 0 ? "amber" : "slate"} />
        <Figure to="/my-day" label={t("relations.myDay.dormant")} value={formatNumber(day.dormant, lng)} tone={day.dormant > 0 ? "amber" : "slate"} />
      </div>
      {day.next.length ? (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {day.next.map((task) => (
            <li key={task.id} className="flex flex-wrap items-baseline justify-between gap-2 px-2 py-1.5">
              <Link to={`/organizations/${task.organizationId}`} className="font-medium text-blue-800 underline">
                {task.title} · {task.organizationName}
              </Link>
              <span className={new Date(task.dueAt) < now ? "text-xs font-medium text-red-700" : "text-xs text-slate-500"}>{formatDateTime(task.dueAt, lng)}</span>
            </li>
          ))}
        </ul>
      ) : null}
    </Card>
  );
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { home } = loaderData;
  const lng = i18n.language;
  const cards: { key: string; title: string; items: Item[] }[] = [];
  if (home.orders) {
    const o = home.orders;
    cards.push({
      key: "orders",
      title: t("staffHome.orders.title"),
      items: (["pending_approval", "to_allocate", "backorders", "to_ship", "overdue"] as const).flatMap((q) =>
        o[q] === undefined ? [] : [{ key: q, to: `/orders/queue/${q}`, label: t(`staffHome.orders.${q}`), value: o[q], urgent: q === "overdue" }],
      ),
    });
  }
  if (home.stock) {
    const s = home.stock;
    cards.push({
      key: "stock",
      title: t("staffHome.stock.title"),
      items: (
        [
          { key: "pendingApproval", to: "/stock/documents?status=pending_approval", label: t("staffHome.stock.pendingApproval"), value: s.pendingApproval },
          { key: "callOffs", to: "/stock/documents?kind=call_off&status=requested", label: t("staffHome.stock.callOffs"), value: s.callOffs },
          { key: "receipts", to: "/stock/documents?kind=receipt&status=open", label: t("staffHome.stock.receipts"), value: s.receipts },
          { key: "inTransit", to: "/stock/documents?kind=transfer&status=shipped", label: t("staffHome.stock.inTransit"), value: s.inTransit },
          { key: "stocktakes", to: "/stock/documents?kind=stocktake&status=counting", label: t("staffHome.stock.stocktakes"), value: s.stocktakes },
          { key: "low", to: "/stock/low", label: t("staffHome.stock.low"), value: s.low, urgent: true },
        ] as const
      ).flatMap((i) => (i.value === undefined ? [] : [{ ...i, value: i.value }])),
    });
  }
  if (home.paymentNotices)
    cards.push({
      key: "paymentNotices",
      title: t("staffHome.paymentNotices.title"),
      items: [{ key: "pending", to: "/finance/payment-notices", label: t("staffHome.paymentNotices.pending", { amount: formatMoney(home.paymentNotices.amountFen, lng) }), value: home.paymentNotices.count }],
    });
  if (home.marketing)
    cards.push({
      key: "marketing",
      title: t("staffHome.marketing.title"),
      items: [
        { key: "campaigns", to: "/marketing/campaigns?status=draft", label: t("staffHome.marketing.campaigns"), value: home.marketing.campaigns },
        { key: "applications", to: "/marketing/funds?status=submitted", label: t("staffHome.marketing.applications"), value: home.marketing.applications },
        { key: "claims", to: "/marketing/funds?claim=submitted", label: t("staffHome.marketing.claims"), value: home.marketing.claims },
      ],
    });
  if (home.returns !== null) cards.push({ key: "returns", title: t("staffHome.returns.title"), items: [{ key: "requested", to: "/returns?status=requested", label: t("staffHome.returns.requested"), value: home.returns }] });
  if (home.rebates)
    cards.push({
      key: "rebates",
      title: t("staffHome.rebates.title"),
      items: [
        { key: "toApprove", to: "/rebates/statements?status=draft", label: t("staffHome.rebates.toApprove"), value: home.rebates.toApprove },
        { key: "toPublish", to: "/rebates/statements?status=approved", label: t("staffHome.rebates.toPublish"), value: home.rebates.toPublish },
      ],
    });
  if (home.service)
    cards.push({
      key: "service",
      title: t("staffHome.service.title"),
      items: [
        { key: "breached", to: "/service/requests?breached=1", label: t("staffHome.service.breached"), value: home.service.breached, urgent: true },
        { key: "unassigned", to: "/service/requests?stationId=none", label: t("staffHome.service.unassigned"), value: home.service.unassigned },
        { key: "claims", to: "/service/settlements", label: t("staffHome.service.claims"), value: home.service.claims },
        { key: "open", to: "/service/requests", label: t("staffHome.service.open"), value: home.service.open },
      ],
    });
  return (
    <>
      <PageHeader title={t("home.welcome", { name: loaderData.name })}>
        <p className="mt-1 text-slate-600">{loaderData.roles.map((r) => t(`roles.${r}`)).join("、")}</p>
      </PageHeader>
      <div className="grid items-start gap-4 lg:grid-cols-2">
        {home.myDay ? <MyDayCard day={home.myDay} /> : null}
        {cards.map((c) => (
          <QueueCard key={c.key} title={c.title} items={c.items} />
        ))}
        {home.receivables ? (
          <Card title={t("staffHome.receivables.title")}>
            <div className="grid grid-cols-2 gap-1">
              <Figure to="/finance/aging?sort=overdue" label={t("staffHome.receivables.overdue")} value={formatMoney(home.receivables.overdueFen, lng)} tone={home.receivables.overdueFen > 0n ? "amber" : "slate"} />
              <Figure to="/finance/aging?sort=overdue" label={t("staffHome.receivables.d90Plus")} value={formatMoney(home.receivables.d90PlusFen, lng)} tone={home.receivables.d90PlusFen > 0n ? "red" : "slate"} />
              <Figure to="/finance/aging" label={t("staffHome.receivables.balance", { count: home.receivables.partners })} value={formatMoney(home.receivables.balanceFen, lng)} />
              <Figure to="/finance/aging" label={t("staffHome.receivables.onHold")} value={formatNumber(home.receivables.onHold, lng)} tone={home.receivables.onHold > 0 ? "red" : "slate"} />
            </div>
          </Card>
        ) : null}
        {home.sales ? <SalesCard sales={home.sales} /> : null}
      </div>
      {cards.length === 0 && !home.receivables && !home.sales && !home.myDay ? <p className="text-slate-600">{t("staffHome.nothing")}</p> : null}
    </>
  );
}
