import { useTranslation } from "@cs/i18n/react";
import type { ReactNode } from "react";
import { Link } from "react-router";
import { customer360, type TimelineEvent } from "@cs/domain";
import { Badge, Card, PageHeader, buttonClass, formatDate, formatDateTime, formatMoney } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/customer-360";

/** 客户全景: one account at a glance, each section a short summary with a link to its full list. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return { view: await customer360(ctx, params.id), now: new Date().toISOString() };
});

function Section({ title, to, children, className }: { title: string; to?: string; children: ReactNode; className?: string }) {
  const { t } = useTranslation();
  return (
    <Card
      title={title}
      className={className}
      actions={
        to ? (
          <Link to={to} className="text-sm text-blue-800 underline">
            {t("relations.c360.seeAll")}
          </Link>
        ) : undefined
      }
    >
      {children}
    </Card>
  );
}

const Row = ({ label, value, tone }: { label: string; value: ReactNode; tone?: string }) => (
  <div className="flex items-baseline justify-between gap-2 py-1 text-sm">
    <dt className="text-slate-500">{label}</dt>
    <dd className={tone ?? "text-slate-900"}>{value}</dd>
  </div>
);

function eventLink(e: TimelineEvent, organizationId: string) {
  switch (e.kind) {
    case "activity":
      return `/organizations/${organizationId}`;
    case "order":
      return `/orders/${e.id}`;
    case "payment":
      return `/finance/payments?q=${encodeURIComponent(e.number ?? "")}`;
    case "repair":
      return `/service/requests/${e.id}`;
    case "complaint":
      return `/complaints/${e.id}`;
  }
}

export default function Customer360Page({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { view } = loaderData;
  const org = view.organization;
  const none = <p className="text-sm text-slate-600">{t("relations.c360.none")}</p>;
  const eventTitle = (e: TimelineEvent) => {
    switch (e.kind) {
      case "activity":
        return `${t("relations.c360.events.activity")} · ${t(`relations.activity.kinds.${e.status}`)}`;
      case "order":
        return `${t("relations.c360.events.order", { number: e.number })} · ${t(`orders.status.${e.status}`)}`;
      case "payment":
        return t("relations.c360.events.payment", { number: e.number });
      case "repair":
        return `${t("relations.c360.events.repair", { number: e.number })} · ${t(`service.statuses.${e.status}`)}`;
      case "complaint":
        return `${t("complaints.event", { number: e.number })} · ${t(`complaints.statuses.${e.status}`)}`;
    }
  };
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t("relations.c360.title")}：${org.name}`}
        actions={
          <Link to={`/organizations/${org.id}`} className={buttonClass("secondary")}>
            {t("common.back")}
          </Link>
        }
      >
        <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <span>{org.code}</span>
          <Badge tone="blue">{t(`org.kinds.${org.kind}`)}</Badge>
          {org.tier ? <Badge>{t(`org.tiers.${org.tier}`)}</Badge> : null}
          <span>
            {t("relations.owner.label")}：{view.accountOwner?.name ?? t("relations.owner.none")}
          </span>
          {view.branch ? <span>· {view.branch.name}</span> : null}
        </div>
      </PageHeader>
      <div className="grid items-start gap-4 md:grid-cols-2 xl:grid-cols-3">
        <Section title={t("relations.c360.contacts")} to={`/organizations/${org.id}`}>
          {view.contacts.length === 0 ? (
            none
          ) : (
            <dl>
              {view.contacts.slice(0, 4).map((c) => (
                <Row key={c.id} label={[c.name, c.title].filter(Boolean).join(" · ")} value={c.mobile ?? c.phone ?? c.email ?? "—"} />
              ))}
            </dl>
          )}
        </Section>
        {view.credit ? (
          <Section title={t("relations.c360.credit")} to={`/finance/invoices?partner=${org.id}&state=open`}>
            <dl>
              <Row label={t("relations.c360.creditLimit")} value={formatMoney(view.credit.limitFen, lng)} />
              <Row label={t("relations.c360.openBalance")} value={formatMoney(view.credit.openReceivablesFen, lng)} />
              <Row label={t("relations.c360.openOrders")} value={formatMoney(view.credit.openOrdersFen, lng)} />
              <Row label={t("relations.c360.available")} value={formatMoney(view.credit.availableFen, lng)} tone={view.credit.availableFen < 0n ? "font-medium text-red-700" : undefined} />
              {view.credit.onHold ? <Row label={t("relations.c360.onHold")} value={view.credit.holdReason ?? "✔"} tone="font-medium text-red-700" /> : null}
            </dl>
          </Section>
        ) : null}
        {view.aging ? (
          <Section title={t("relations.c360.invoices")} to={`/finance/invoices?partner=${org.id}&state=open`}>
            <dl>
              <Row label={t("relations.c360.aging.current")} value={formatMoney(view.aging.notDueFen, lng)} />
              <Row label={t("relations.c360.aging.d0_30")} value={formatMoney(view.aging.d0_30Fen, lng)} />
              <Row label={t("relations.c360.aging.d31_60")} value={formatMoney(view.aging.d31_60Fen, lng)} />
              <Row label={t("relations.c360.aging.d61_90")} value={formatMoney(view.aging.d61_90Fen, lng)} />
              <Row label={t("relations.c360.aging.d90Plus")} value={formatMoney(view.aging.d90PlusFen, lng)} tone={view.aging.d90PlusFen > 0n ? "font-medium text-red-700" : undefined} />
            </dl>
            {view.openInvoices?.rows.length ? (
              <ul className="mt-2 border-t border-slate-100 pt-2 text-sm">
                {view.openInvoices.rows.map((inv) => (
                  <li key={inv.id} className="flex justify-between gap-2 py-0.5">
                    <Link to={`/finance/invoices/${inv.id}`} className="text-blue-800 underline">
                      {inv.number}
                    </Link>
                    <span className={inv.daysOverdue > 0 ? "text-red-700" : "text-slate-600"}>
                      {formatDate(inv.dueOn, lng)} · {formatMoney(inv.totalFen - inv.settledFen, lng)}
                    </span>
                  </li>
                ))}
              </ul>
            ) : null}
          </Section>
        ) : null}
        {view.may.orders ? (
          <Section title={`${t("relations.c360.orders")} (${view.orders.total})`} to={`/orders/queue/all?q=${encodeURIComponent(org.code)}`}>
            {view.orders.recent.length === 0 ? (
              none
            ) : (
              <ul className="text-sm">
                {view.orders.recent.map((o) => (
                  <li key={o.id} className="flex justify-between gap-2 py-0.5">
                    <Link to={`/orders/${o.id}`} className="text-blue-800 underline">
                      {o.number}
                    </Link>
                    <span className="text-slate-600">
                      {t(`orders.status.${o.status}`)} · {formatMoney(o.totalFen, lng)}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        ) : null}
        {view.rebateBalanceFen !== null ? (
          <Section title={t("relations.c360.rebate")} to={`/rebates/balances/${org.id}`}>
            <p className="text-2xl font-semibold text-slate-900">{formatMoney(view.rebateBalanceFen, lng)}</p>
          </Section>
        ) : null}
        {view.may.service ? (
          <Section title={`${t("relations.c360.repairs")} (${view.repairs.open})`} to="/service/requests">
            {view.repairs.recent.length === 0 ? (
              none
            ) : (
              <ul className="text-sm">
                {view.repairs.recent.map((r) => (
                  <li key={r.id} className="flex justify-between gap-2 py-0.5">
                    <Link to={`/service/requests/${r.id}`} className="text-blue-800 underline">
                      {r.number}
                    </Link>
                    <span className="text-slate-600">{t(`service.statuses.${r.status}`)}</span>
                  </li>
                ))}
              </ul>
            )}
          </Section>
        ) : null}
        {view.satisfaction ? (
          <Section title={t("satisfaction.title")} to="/satisfaction">
            <dl>
              <Row label={t("satisfaction.columns.csat")} value={view.satisfaction.csatAverage === null ? "—" : `${view.satisfaction.csatAverage} / 5 (${view.satisfaction.csatAnswers})`} />
              <Row label={t("satisfaction.lastNps")} value={view.satisfaction.lastNps ?? "—"} />
            </dl>
          </Section>
        ) : null}
        <Section title={t("relations.c360.activities")} to={`/organizations/${org.id}`}>
          <p className="text-sm font-medium text-slate-900">{t("relations.c360.openTasks", { count: view.openTasks.length })}</p>
          <ul className="mb-2 text-sm">
            {view.openTasks.slice(0, 3).map((task) => (
              <li key={task.id} className="flex justify-between gap-2 py-0.5">
                <span>{task.title}</span>
                <span className={new Date(task.dueAt) < new Date(loaderData.now) ? "text-red-700" : "text-slate-600"}>{formatDateTime(task.dueAt, lng)}</span>
              </li>
            ))}
          </ul>
          {view.activities.length === 0 ? (
            <p className="text-sm text-slate-600">{t("relations.activity.empty")}</p>
          ) : (
            <ul className="border-t border-slate-100 pt-1 text-sm">
              {view.activities.slice(0, 3).map((a) => (
                <li key={a.id} className="py-0.5">
                  <span className="text-slate-500">{formatDate(a.occurredAt, lng)} · {t(`relations.activity.kinds.${a.kind}`)}：</span>
                  {a.summary}
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
      <Card title={t("relations.c360.timeline")}>
        {view.timeline.length === 0 ? (
          <p className="text-sm text-slate-600">{t("relations.c360.timelineEmpty")}</p>
        ) : (
          <ol className="divide-y divide-slate-100" aria-label={t("relations.c360.timeline")}>
            {view.timeline.map((e) => (
              <li key={`${e.kind}-${e.id}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5 py-2 text-sm">
                <span className="w-36 shrink-0 text-slate-500">{formatDateTime(e.at, lng)}</span>
                <Link to={eventLink(e, org.id)} className="font-medium text-blue-800 underline">
                  {eventTitle(e)}
                </Link>
                {e.amountFen !== null ? <span className="text-slate-700">{formatMoney(e.amountFen, lng)}</span> : null}
                {e.text ? <span className="min-w-0 basis-full text-slate-700 sm:basis-auto">{e.text}</span> : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
