import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { OrderQueueRow } from "@cs/domain";
import { Badge, formatDate, formatDateTime, formatMoney, formatNumber } from "@cs/ui";

/** The desk's tabs and the status filter (kept here: route components must not import the domain). */
export const queueTabs = ["pending_approval", "to_allocate", "backorders", "to_ship", "overdue", "all"] as const;
export const statusOptions = ["submitted", "pending_approval", "confirmed", "partially_shipped", "shipped", "completed", "rejected", "cancelled"] as const;

type Tone = "slate" | "green" | "amber" | "red" | "blue";
const tones: Record<string, Tone> = {
  submitted: "blue",
  pending_approval: "amber",
  confirmed: "blue",
  partially_shipped: "amber",
  shipped: "green",
  completed: "green",
  rejected: "red",
  cancelled: "slate",
};

export function OrderStatusBadge({ status, t }: { status: string; t: TFunction }) {
  return <Badge tone={tones[status] ?? "slate"}>{t(`desk.statuses.${status}`, { defaultValue: status })}</Badge>;
}

export function orderColumns(t: TFunction, locale: string): ColumnDef<OrderQueueRow, unknown>[] {
  const f = (k: string) => t(`desk.fields.${k}`);
  const qty = (n: number) => (n > 0 ? formatNumber(n, locale) : "—");
  return [
    {
      id: "number",
      header: f("number"),
      cell: ({ row }) => (
        <Link to={`/orders/${row.original.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    {
      id: "buyer",
      header: f("buyer"),
      cell: ({ row }) => (
        <span>
          <span className="font-mono text-xs text-slate-500">{row.original.buyerCode}</span> {row.original.buyerName}
        </span>
      ),
    },
    { id: "status", header: f("status"), cell: ({ row }) => <OrderStatusBadge status={row.original.status} t={t} /> },
    {
      id: "reasons",
      header: f("approvalReasons"),
      cell: ({ row }) => row.original.approvalReasons.map((r) => t(`desk.reasons.${r}`, { defaultValue: r })).join("、") || "—",
    },
    { id: "total", header: f("total"), meta: { align: "right" }, cell: ({ row }) => formatMoney(row.original.totalFen, locale) },
    { id: "reserved", header: f("reserved"), meta: { align: "right" }, cell: ({ row }) => qty(row.original.reserved) },
    { id: "backordered", header: f("backordered"), meta: { align: "right" }, cell: ({ row }) => qty(row.original.backordered) },
    { id: "shipped", header: f("shipped"), meta: { align: "right", defaultHidden: true }, cell: ({ row }) => qty(row.original.shipped) },
    { id: "branch", header: f("branch"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.branchName ?? "—" },
    { id: "supplier", header: f("supplier"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.supplierName ?? f("distributor") },
    { id: "poNumber", header: f("poNumber"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.poNumber ?? "—" },
    {
      id: "requestedDate",
      header: f("requestedDate"),
      cell: ({ row }) => (row.original.requestedDate ? formatDate(row.original.requestedDate, locale) : "—"),
    },
    { id: "submittedAt", header: f("submittedAt"), meta: { sortKey: "submittedAt" }, cell: ({ row }) => formatDateTime(row.original.submittedAt, locale) },
  ];
}
