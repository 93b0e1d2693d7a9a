import { useTranslation } from "@cs/i18n/react";
import type { OrderDetail, PriceReason } from "@cs/domain";
import { Badge, DetailTable, formatDate, formatDateTime, formatMoney, type DetailColumn } from "@cs/ui";
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

type Line = OrderDetail["lines"][number];

export function OrderLinesTable({ lines }: { lines: OrderDetail["lines"] }) {
  const { t, i18n } = useTranslation();
  const money = (fen: bigint) => formatMoney(fen, i18n.language);
  const columns: DetailColumn<Line>[] = [
    {
      id: "product",
      header: t("orders.lines.product"),
      cell: (l) => (
        <>
          <div className="font-mono text-xs">{l.sku}</div>
          <div>{localName(i18n.language === "zh-CN", l.nameZh, l.nameEn)}</div>
          {l.coveredSerials.length ? (
            <div className="text-xs text-slate-600">
              {t("network.extendedWarranty.covers")}: <span className="font-mono">{l.coveredSerials.join(", ")}</span>
            </div>
          ) : null}
        </>
      ),
    },
    { id: "quantity", header: t("orders.lines.quantity"), align: "right", cell: (l) => l.quantity },
    {
      id: "unitPrice",
      header: t("orders.lines.unitPrice"),
      align: "right",
      cell: (l) => {
        const reason = reasonOf(l.priceReason, l);
        return (
          <>
            <PriceWhy price={l.discountBp > 0 ? reason : { ...reason, unitPriceFen: l.unitPriceFen }} />
            {l.discountBp > 0 ? (
              <div className="text-xs text-slate-600">
                {t("orders.lines.discount")} {(l.discountBp / 100).toFixed(2)}% → <span className="font-semibold">{money(l.unitPriceFen)}</span>
              </div>
            ) : null}
          </>
        );
      },
    },
    {
      id: "lineTotal",
      header: t("orders.lines.lineTotal"),
      align: "right",
      cell: (l) => (
        <>
          {money(l.lineTotalFen)}
          <div className="text-xs text-slate-500">
            {t("orders.lines.tax")} {money(l.taxFen)}
          </div>
        </>
      ),
    },
    {
      id: "progress",
      header: t("orders.lines.progress"),
      cell: (l) => (
        <div className="flex flex-wrap justify-end gap-1 sm:justify-start">
          {l.quantityReserved > 0 ? <Badge tone="blue">{t("orders.lines.reserved", { count: l.quantityReserved })}</Badge> : null}
          {l.quantityBackordered > 0 ? <Badge tone="amber">{t("orders.lines.backordered", { count: l.quantityBackordered })}</Badge> : null}
          {l.quantityShipped > 0 ? <Badge tone="green">{t("orders.lines.shipped", { count: l.quantityShipped })}</Badge> : null}
          {l.quantityCancelled > 0 ? <Badge tone="red">{t("orders.lines.cancelled", { count: l.quantityCancelled })}</Badge> : null}
          {l.quantityReturned > 0 ? <Badge>{t("orders.lines.returned", { count: l.quantityReturned })}</Badge> : null}
        </div>
      ),
    },
  ];
  return <DetailTable caption={t("orders.detail.lines")} columns={columns} rows={lines} getRowId={(l) => l.id} />;
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
  const columns: DetailColumn<OrderDetail["invoices"][number]>[] = [
    {
      id: "number",
      header: t("orders.invoices.number"),
      cell: (i) => (
        <>
          <span className="font-mono text-xs">{i.number}</span> <Badge tone={i.kind === "invoice" ? "slate" : "red"}>{t(`orders.invoices.kind.${i.kind}`)}</Badge>
        </>
      ),
    },
    { id: "issuedOn", header: t("orders.invoices.issuedOn"), cell: (i) => formatDate(i.issuedOn, i18n.language) },
    { id: "dueOn", header: t("orders.invoices.dueOn"), cell: (i) => formatDate(i.dueOn, i18n.language) },
    { id: "total", header: t("orders.invoices.total"), align: "right", cell: (i) => money(i.totalFen) },
    { id: "open", header: t("orders.invoices.open"), align: "right", cell: (i) => money(i.totalFen - i.settledFen) },
  ];
  return <DetailTable caption={t("orders.detail.invoices")} columns={columns} rows={invoices} getRowId={(i) => i.id} />;
}
