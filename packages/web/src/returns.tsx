import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import type { getReturn, listReturns } from "@cs/domain";
import { Badge, Card, DetailTable, PageHeader, buttonClass, formatDateTime, formatMoney, formatNumber } from "@cs/ui";
import { localName } from "@cs/i18n";

export type ReturnRow = Awaited<ReturnType<typeof listReturns>>["rows"][number];
export type ReturnDetail = Awaited<ReturnType<typeof getReturn>>;

const tones = { requested: "amber", approved: "blue", received: "green", rejected: "red", cancelled: "slate" } as const;

export function ReturnStatusBadge({ status }: { status: keyof typeof tones }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status]}>{t(`returns.statuses.${status}`)}</Badge>;
}

/** The returns table of either app; the back-office adds the customer column. */
export function returnColumns(t: TFunction, locale: string, withCustomer: boolean): ColumnDef<ReturnRow, unknown>[] {
  return [
    {
      id: "number",
      header: t("returns.columns.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/returns/${row.original.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "order", header: t("returns.columns.order"), cell: ({ row }) => <span className="font-mono text-xs">{row.original.orderNumber}</span> },
    ...(withCustomer ? [{ id: "customer", header: t("returns.columns.customer"), cell: ({ row }) => row.original.organizationName } satisfies ColumnDef<ReturnRow, unknown>] : []),
    { id: "status", header: t("returns.columns.status"), meta: { sortKey: "status" }, cell: ({ row }) => <ReturnStatusBadge status={row.original.status} /> },
    { id: "reason", header: t("returns.columns.reason"), cell: ({ row }) => t(`returns.reasons.${row.original.reason}`) },
    { id: "quantity", header: t("returns.columns.quantity"), meta: { align: "right" }, cell: ({ row }) => formatNumber(row.original.quantity, locale) },
    {
      id: "creditNote",
      header: t("returns.columns.creditNote"),
      cell: ({ row }) =>
        row.original.creditNoteNumber ? (
          <span className="font-mono text-xs">
            {row.original.creditNoteNumber} · {formatMoney(row.original.creditNoteTotalFen ?? 0n, locale)}
          </span>
        ) : (
          "—"
        ),
    },
    { id: "createdAt", header: t("returns.columns.createdAt"), meta: { sortKey: "createdAt" }, cell: ({ row }) => formatDateTime(row.original.createdAt, locale) },
  ];
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm text-slate-900">{children}</dd>
    </div>
  );
}

/** Who asked, why, who decided, where it went and the credit note: the head of a return's page. */
export function ReturnFacts({ detail }: { detail: ReturnDetail }) {
  const { t, i18n } = useTranslation();
  const { ret } = detail;
  const zh = i18n.language === "zh-CN";
  return (
    <Card>
      <dl className="grid gap-3 sm:grid-cols-3">
        <Fact label={t("returns.order")}>
          <span className="font-mono text-xs">{detail.orderNumber}</span>
        </Fact>
        <Fact label={t("returns.customer")}>{detail.organizationName}</Fact>
        <Fact label={t("returns.reasonLabel")}>{t(`returns.reasons.${ret.reason}`)}</Fact>
        <Fact label={t("returns.requestedBy")}>
          {detail.requestedByName ?? "—"} · {formatDateTime(ret.createdAt, i18n.language)}
        </Fact>
        <Fact label={t("returns.note")}>{ret.note ?? "—"}</Fact>
        <Fact label={t("returns.decidedBy")}>{detail.decidedByName ? `${detail.decidedByName} · ${formatDateTime(ret.decidedAt!, i18n.language)}` : "—"}</Fact>
        {ret.decisionComment ? <Fact label={t("returns.decision")}>{ret.decisionComment}</Fact> : null}
        {detail.locationCode ? (
          <Fact label={t("returns.receivedAt")}>
            {detail.locationCode} {localName(zh, detail.locationNameZh, detail.locationNameEn)}
            {ret.toQuarantine ? ` · ${t("returns.quarantine")}` : ""}
          </Fact>
        ) : null}
      </dl>
      {detail.creditNotes.map((n) => (
        <p key={n.id} className="mt-4 rounded-md bg-green-50 px-3 py-2 text-sm text-green-900 ring-1 ring-green-200">
          {t("returns.creditNoteSummary", {
            number: n.number,
            total: formatMoney(n.totalFen, i18n.language),
            tax: formatMoney(n.taxFen, i18n.language),
            settled: formatMoney(n.settledFen, i18n.language),
          })}
        </p>
      ))}
      {detail.redLetters
        .filter((r) => r.status !== "confirmed")
        .map((r) => (
          <p key={r.id} className="mt-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
            <Link to={`/finance/red-letters/${r.id}`} className="underline">
              {t("invoicing.redLetter.summary", { number: r.number, total: formatMoney(r.totalFen, i18n.language), tax: formatMoney(r.taxFen, i18n.language), status: t(`invoicing.redLetter.status.${r.status}`) })}
            </Link>
          </p>
        ))}
    </Card>
  );
}


/** The returned items: product, quantity, serials, the price they were billed at and the invoice. */
export function ReturnLines({ detail }: { detail: ReturnDetail }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  return (
    <Card title={t("returns.lines")}>
      <DetailTable
        caption={t("returns.lines")}
        rows={detail.lines}
        getRowId={(l) => l.id}
        columns={[
          { id: "line", header: t("returns.columns.line"), cell: (l) => l.lineNo },
          { id: "sku", header: t("returns.columns.sku"), cell: (l) => <span className="font-mono text-xs">{l.sku}</span> },
          { id: "product", header: t("returns.columns.product"), phoneTitle: true, cell: (l) => localName(zh, l.nameZh, l.nameEn) },
          { id: "quantity", header: t("returns.columns.quantity"), align: "right", cell: (l) => formatNumber(l.quantity, i18n.language) },
          { id: "serials", header: t("returns.serials"), cell: (l) => <span className="font-mono text-xs">{l.serials.length ? l.serials.join(" ") : "—"}</span> },
          { id: "unitPrice", header: t("returns.columns.unitPrice"), align: "right", cell: (l) => formatMoney(l.unitPriceFen, i18n.language) },
          { id: "invoice", header: t("returns.columns.invoice"), cell: (l) => <span className="font-mono text-xs">{l.invoiceNumber ?? "—"}</span> },
        ]}
      />
    </Card>
  );
}

/** The title of a return's page in either app: its number, its status, the way back to the list. */
export function ReturnHeader({ detail }: { detail: ReturnDetail }) {
  const { t } = useTranslation();
  return (
    <PageHeader
      title={t("returns.detail", { number: detail.ret.number })}
      actions={
        <Link to="/returns" className={buttonClass("ghost")}>
          {t("common.back")}
        </Link>
      }
    >
      <div className="mt-1">
        <ReturnStatusBadge status={detail.ret.status} />
      </div>
    </PageHeader>
  );
}
