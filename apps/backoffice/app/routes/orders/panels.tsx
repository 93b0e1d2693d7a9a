import type { ReactNode } from "react";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import type { DeskOrder } from "@cs/domain";
import { Badge, Card, cn, formatDate, formatDateTime, formatMoney, formatNumber } from "@cs/ui";
import { localName } from "@cs/i18n";

export function Facts({ items }: { items: [string, ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2 lg:grid-cols-3">
      {items.map(([label, value]) => (
        <div key={label}>
          <dt className="text-xs text-slate-500">{label}</dt>
          <dd className="text-slate-900">{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

type ShipTo = { recipient?: string; phone?: string; province?: string; city?: string; district?: string; line?: string };

export function OrderFacts({ detail }: { detail: DeskOrder }) {
  const { t, i18n } = useTranslation();
  const f = (k: string) => t(`desk.fields.${k}`);
  const o = detail.order;
  const ship = (o.shipTo ?? {}) as ShipTo;
  return (
    <Card title={t("desk.panels.facts")}>
      <Facts
        items={[
          [f("buyer"), <Link key="b" to={`/organizations/${o.organizationId}`} className="text-blue-800 hover:underline">{`${detail.buyer.code} ${detail.buyer.name}`}</Link>],
          [f("supplier"), detail.supplierName ?? f("distributor")],
          [f("placedBy"), detail.placedByName ?? "—"],
          [f("submittedAt"), formatDateTime(o.submittedAt, i18n.language)],
          [f("requestedDate"), o.requestedDate ? formatDate(o.requestedDate, i18n.language) : "—"],
          [f("poNumber"), o.poNumber ?? "—"],
          ...(detail.deal
            ? ([[t("deals.order.deal"), <Link key="d" to={`/marketing/deals/${detail.deal.id}`} className="text-blue-800 hover:underline">{t("deals.order.dealValue", { number: detail.deal.number, customer: detail.deal.customerName })}</Link>]] as [string, ReactNode][])
            : []),
          [f("total"), <strong key="t">{formatMoney(o.totalFen, i18n.language)}</strong>],
          [f("tax"), formatMoney(o.taxFen, i18n.language)],
          ...(o.couponDiscountFen > 0n
            ? ([[t("coupons.order.discount", { code: detail.coupon?.code ?? "" }), `−${formatMoney(o.couponDiscountFen, i18n.language)}${detail.coupon ? ` · ${detail.coupon.description}` : ""}`]] as [string, string][])
            : []),
          ...(o.rebateAppliedFen > 0n ? ([[t("rebateBalance.order.applied"), formatMoney(o.rebateAppliedFen, i18n.language)]] as [string, string][]) : []),
          [f("shipTo"), [ship.recipient, ship.phone, [ship.province, ship.city, ship.district, ship.line].filter(Boolean).join(" ")].filter(Boolean).join("，") || "—"],
          [f("notes"), o.notes ?? "—"],
        ]}
      />
    </Card>
  );
}

export function CreditCard({ detail }: { detail: DeskOrder }) {
  const { t, i18n } = useTranslation();
  const c = detail.credit;
  const money = (fen: bigint) => formatMoney(fen, i18n.language);
  // availableFen already leaves out this order while it counts against credit (creditPosition).
  const after = c.availableFen;
  return (
    <Card title={t("desk.credit.title")}>
      {c.onHold ? (
        <p className="mb-2">
          <Badge tone="red">{t("desk.credit.onHold")}</Badge> <span className="text-sm text-slate-700">{c.holdReason}</span>
        </p>
      ) : null}
      <Facts
        items={[
          [t("desk.credit.limit"), money(c.limitFen)],
          [t("desk.credit.receivables"), money(c.openReceivablesFen)],
          [t("desk.credit.openOrders"), money(c.otherOrdersFen)],
          [t("desk.credit.thisOrder"), money(c.thisOrderCounts ? c.thisOrderFen : detail.order.totalFen)],
          [t("desk.credit.available"), <span key="a" className={cn(after < 0n && "font-semibold text-red-700")}>{money(after)}</span>],
        ]}
      />
    </Card>
  );
}

type PriceReason = { rule?: string; ruleCode?: string | null; minQuantity?: number; listPriceFen?: string; note?: string | null };

/** Lines with what each price is based on and where every unit stands. */
export function LinesCard({ detail }: { detail: DeskOrder }) {
  const { t, i18n } = useTranslation();
  const f = (k: string) => t(`desk.fields.${k}`);
  const zh = i18n.language === "zh-CN";
  const n = (v: number) => (v ? formatNumber(v, i18n.language) : "—");
  const margin = detail.margin;
  const heads = [
    "sku", "product", "quantity", "listPrice", "unitPrice", "discount", "priceRule", "lineTotal",
    ...(margin ? ["expectedCost", "margin", "marginPct"] : []),
    "reserved", "backordered", "shipped", "cancelled",
  ];
  const money = (v: bigint | undefined) => (v === undefined ? "—" : formatMoney(v, i18n.language));
  return (
    <Card title={t("desk.panels.lines")}>
      {margin ? <p className="mb-2 text-xs text-slate-500">{t("desk.panels.marginNote")}</p> : null}
      <div className="relative overflow-x-auto">
        <table className="min-w-full text-sm">
          <caption className="sr-only">{t("desk.panels.lines")}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs text-slate-500">
              {heads.map((h) => (
                <th key={h} scope="col" className={cn("px-2 py-1 font-medium", !["sku", "product", "priceRule"].includes(h) && "text-right")}>
                  {f(h)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {detail.lines.map((l) => {
              const reason = (l.priceReason ?? {}) as PriceReason;
              return (
                <tr key={l.id} className="border-b border-slate-100">
                  <td className="px-2 py-1 font-mono text-xs">{l.sku}</td>
                  <td className="px-2 py-1">{localName(zh, l.nameZh, l.nameEn)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{formatNumber(l.quantity, i18n.language)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{formatMoney(l.listPriceFen, i18n.language)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{formatMoney(l.unitPriceFen, i18n.language)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{l.discountBp ? `${l.discountBp / 100}%` : "—"}</td>
                  <td className="px-2 py-1">
                    {t(`desk.rules.${l.priceRule}`, { min: reason.minQuantity ?? 0, defaultValue: l.priceRule })}
                    {reason.ruleCode ? <span className="ml-1 font-mono text-xs text-slate-500">{reason.ruleCode}</span> : null}
                    {reason.note ? <span className="block max-w-56 text-xs text-slate-600">{t("catalog.why.specialReason", { reason: reason.note })}</span> : null}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">{formatMoney(l.lineTotalFen, i18n.language)}</td>
                  {margin ? <MarginCells figures={margin.lines[l.id] ?? null} money={money} /> : null}
                  <td className="px-2 py-1 text-right tabular-nums">{n(l.quantityReserved)}</td>
                  <td className={cn("px-2 py-1 text-right tabular-nums", l.quantityBackordered > 0 && "font-semibold text-amber-700")}>{n(l.quantityBackordered)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{n(l.quantityShipped)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{n(l.quantityCancelled)}</td>
                </tr>
              );
            })}
          </tbody>
          {margin ? (
            <tfoot>
              <tr className="border-t border-slate-200 font-medium">
                <th scope="row" colSpan={8} className="px-2 py-1 text-right">
                  {f("orderMargin")}
                </th>
                <MarginCells figures={margin.total} money={money} />
                <td colSpan={4} />
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
    </Card>
  );
}

type MarginFigures = NonNullable<DeskOrder["margin"]>["total"];

/** Basis points as a percentage with two decimals, by integer arithmetic (no float rounding). */
function formatBp(bp: number) {
  const abs = Math.abs(bp);
  return `${bp < 0 ? "-" : ""}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, "0")}%`;
}

function MarginCells({ figures, money }: { figures: MarginFigures; money: (v: bigint | undefined) => string }) {
  const below = figures !== null && figures.marginFen < 0n;
  return (
    <>
      <td className="px-2 py-1 text-right tabular-nums">{money(figures?.costFen)}</td>
      <td className={cn("px-2 py-1 text-right tabular-nums", below && "text-red-700")}>{money(figures?.marginFen)}</td>
      <td className={cn("px-2 py-1 text-right tabular-nums", below && "text-red-700")}>
        {figures?.marginBp === null || figures?.marginBp === undefined ? "—" : formatBp(figures.marginBp)}
      </td>
    </>
  );
}

export function Timeline({ detail }: { detail: DeskOrder }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t("desk.timeline.title")}>
      <ol className="space-y-2 text-sm">
        {detail.events.map((e) => (
          <li key={String(e.id)} className="flex flex-wrap gap-x-3">
            <time className="text-slate-500 tabular-nums">{formatDateTime(e.createdAt, i18n.language)}</time>
            <span className="font-medium">{t(`desk.timeline.actions.${e.action}`, { defaultValue: e.action })}</span>
            {e.toStatus && e.toStatus !== e.fromStatus ? <span className="text-slate-600">→ {t(`desk.statuses.${e.toStatus}`)}</span> : null}
            <span className="text-slate-600">{e.actorName ?? t("desk.timeline.system")}</span>
            {e.comment ? <q className="w-full text-slate-700">{e.comment}</q> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}

export function ShipmentsCard({ detail }: { detail: DeskOrder }) {
  const { t, i18n } = useTranslation();
  if (detail.shipments.length === 0 && detail.invoices.length === 0) return null;
  return (
    <Card title={t("desk.panels.shipments")}>
      <ul className="space-y-1 text-sm">
        {detail.shipments.map((s) => (
          <li key={s.id}>
            <span className="font-mono text-xs">{s.number}</span> {s.carrier} {s.trackingNumber}{" "}
            {s.shippedAt ? <span className="text-slate-500">{formatDateTime(s.shippedAt, i18n.language)}</span> : null}
          </li>
        ))}
        {detail.invoices.map((inv) => (
          <li key={inv.id}>
            <span className="font-mono text-xs">{inv.number}</span> {formatMoney(inv.totalFen, i18n.language)}
          </li>
        ))}
      </ul>
    </Card>
  );
}
