import { useTranslation } from "@cs/i18n/react";
import type { OrderDetail, PriceReason } from "@cs/domain";
import { Badge, formatDate, formatDateTime, formatMoney } from "@cs/ui";
import { PriceWhy } from "../catalog/price-why";
import { localName } from "@cs/i18n";

/** The stored price reason (JSON: money as strings) back in the resolver's shape. */
function reasonOf(raw: unknown, fallback: { unitPriceFen: bigint; listPriceFen: bigint; priceRule: string }): PriceReason {
  const r = (raw ?? {}) as Record<string, unknown>;
  const big = (v: unknown, d: bigint) => (typeof v === "string" || typeof v === "number" ? BigInt(v) : d);
  return {
    rule: (typeof r.rule === "string" ? r.rule : fallback.priceRule) as PriceReason["rule"],
    listPriceFen: big(r.listPriceFen, fallback.listPriceFen),
    unitPriceFen: big(r.unitPriceFen, fallback.unitPriceFen),
    ruleId: typeof r.ruleId === "string" ? r.ruleId : null,
    ruleCode: typeof r.ruleCode === "string" ? r.ruleCode : null,
    minQuantity: typeof r.minQuantity === "number" ? r.minQuantity : 1,
    note: typeof r.note === "string" ? r.note : null,
  };
}

const th = "px-3 py-2";

export function OrderLinesTable({ lines }: { lines: OrderDetail["lines"] }) {
  const { t, i18n } = useTranslation();
  const money = (fen: bigint) => formatMoney(fen, i18n.language);
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{t("orders.detail.lines")}</caption>
        <thead className="text-left text-xs text-slate-600">
          <tr>
            <th scope="col" className={th}>{t("orders.lines.product")}</th>
            <th scope="col" className={`${th} text-right`}>{t("orders.lines.quantity")}</th>
            <th scope="col" className={`${th} text-right`}>{t("orders.lines.unitPrice")}</th>
            <th scope="col" className={`${th} text-right`}>{t("orders.lines.lineTotal")}</th>
            <th scope="col" className={th}>{t("orders.lines.progress")}</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => {
            const reason = reasonOf(l.priceReason, l);
            return (
              <tr key={l.id}>
                <td className={th}>
                  <div className="font-mono text-xs">{l.sku}</div>
                  <div>{localName(i18n.language === "zh-CN", l.nameZh, l.nameEn)}</div>
                  {l.coveredSerials.length ? (
                    <div className="text-xs text-slate-600">
                      {t("network.extendedWarranty.covers")}: <span className="font-mono">{l.coveredSerials.join(", ")}</span>
                    </div>
                  ) : null}
                </td>
                <td className={`${th} text-right tabular-nums`}>{l.quantity}</td>
                <td className={th}>
                  <PriceWhy price={l.discountBp > 0 ? reason : { ...reason, unitPriceFen: l.unitPriceFen }} />
                  {l.discountBp > 0 ? (
                    <div className="text-right text-xs text-slate-600">
                      {t("orders.lines.discount")} {(l.discountBp / 100).toFixed(2)}% → <span className="font-semibold">{money(l.unitPriceFen)}</span>
                    </div>
                  ) : null}
                </td>
                <td className={`${th} text-right tabular-nums`}>
                  {money(l.lineTotalFen)}
                  <div className="text-xs text-slate-500">
                    {t("orders.lines.tax")} {money(l.taxFen)}
                  </div>
                </td>
                <td className={th}>
                  <div className="flex flex-wrap gap-1">
                    {l.quantityReserved > 0 ? <Badge tone="blue">{t("orders.lines.reserved", { count: l.quantityReserved })}</Badge> : null}
                    {l.quantityBackordered > 0 ? <Badge tone="amber">{t("orders.lines.backordered", { count: l.quantityBackordered })}</Badge> : null}
                    {l.quantityShipped > 0 ? <Badge tone="green">{t("orders.lines.shipped", { count: l.quantityShipped })}</Badge> : null}
                    {l.quantityCancelled > 0 ? <Badge tone="red">{t("orders.lines.cancelled", { count: l.quantityCancelled })}</Badge> : null}
                    {l.quantityReturned > 0 ? <Badge>{t("orders.lines.returned", { count: l.quantityReturned })}</Badge> : null}
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function Timeline({ events }: { events: OrderDetail["events"] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="space-y-3 border-l border-slate-200 pl-4" aria-label={t("orders.detail.timeline")}>
      {events.map((e) => (
        <li key={String(e.id)} className="relative">
          <span className="absolute -left-[21px] top-1.5 size-2.5 rounded-full bg-blue-600" aria-hidden="true" />
          <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
            <span className="font-medium">{t(`orders.events.${e.action}`, { defaultValue: t("orders.events.default") })}</span>
            {e.fromStatus && e.toStatus && e.fromStatus !== e.toStatus ? (
              <span className="text-xs text-slate-500">
                {t("orders.timeline.change", { from: t(`orders.status.${e.fromStatus}`), to: t(`orders.status.${e.toStatus}`) })}
              </span>
            ) : null}
          </div>
          <div className="text-xs text-slate-500">
            <time dateTime={new Date(e.createdAt).toISOString()}>{formatDateTime(e.createdAt, i18n.language)}</time> · {e.actorName ?? t("orders.timeline.system")}
          </div>
          {e.comment ? <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{e.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}

export function Shipments({ shipments }: { shipments: OrderDetail["shipments"] }) {
  const { t, i18n } = useTranslation();
  if (shipments.length === 0) return <p className="text-sm text-slate-600">{t("orders.detail.noShipments")}</p>;
  return (
    <ul className="space-y-3">
      {shipments.map((s) => (
        <li key={s.id} className="rounded-md border border-slate-200 p-3 text-sm">
          <div className="flex flex-wrap items-center gap-2">
            <span className="font-mono text-xs">{s.number}</span>
            <Badge tone={s.status === "delivered" ? "green" : "blue"}>{t(`orders.shipments.status.${s.status}`)}</Badge>
          </div>
          <dl className="mt-2 grid gap-2 sm:grid-cols-4">
            <div>
              <dt className="text-xs text-slate-500">{t("orders.shipments.carrier")}</dt>
              <dd>{s.carrier ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("orders.shipments.tracking")}</dt>
              <dd className="font-mono text-xs">{s.trackingNumber ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("orders.shipments.shippedAt")}</dt>
              <dd>{formatDateTime(s.shippedAt, i18n.language)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("orders.shipments.deliveredAt")}</dt>
              <dd>{s.deliveredAt ? formatDateTime(s.deliveredAt, i18n.language) : "—"}</dd>
            </div>
          </dl>
          <p className="mt-2 text-xs text-slate-600">
            {t("orders.shipments.items")}: {s.lines.map((l) => `${l.sku} × ${l.quantity}`).join("，")}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function Invoices({ invoices }: { invoices: OrderDetail["invoices"] }) {
  const { t, i18n } = useTranslation();
  if (invoices.length === 0) return <p className="text-sm text-slate-600">{t("orders.detail.noInvoices")}</p>;
  const money = (fen: bigint) => formatMoney(fen, i18n.language);
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full text-sm">
        <caption className="sr-only">{t("orders.detail.invoices")}</caption>
        <thead className="text-left text-xs text-slate-600">
          <tr>
            <th scope="col" className="px-2 py-1">{t("orders.invoices.number")}</th>
            <th scope="col" className="px-2 py-1">{t("orders.invoices.issuedOn")}</th>
            <th scope="col" className="px-2 py-1">{t("orders.invoices.dueOn")}</th>
            <th scope="col" className="px-2 py-1 text-right">{t("orders.invoices.total")}</th>
            <th scope="col" className="px-2 py-1 text-right">{t("orders.invoices.open")}</th>
          </tr>
        </thead>
        <tbody>
          {invoices.map((i) => (
            <tr key={i.id} className="border-t border-slate-100">
              <td className="px-2 py-1">
                <span className="font-mono text-xs">{i.number}</span> <Badge tone={i.kind === "invoice" ? "slate" : "red"}>{t(`orders.invoices.kind.${i.kind}`)}</Badge>
              </td>
              <td className="px-2 py-1">{formatDate(i.issuedOn, i18n.language)}</td>
              <td className="px-2 py-1">{formatDate(i.dueOn, i18n.language)}</td>
              <td className="px-2 py-1 text-right tabular-nums">{money(i.totalFen)}</td>
              <td className="px-2 py-1 text-right tabular-nums">{money(i.totalFen - i.settledFen)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
