import type { ColumnDef } from "@tanstack/react-table";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import type { listMyDocuments } from "@cs/domain";
import { Badge, formatDateTime } from "@cs/ui";

export type DocumentRow = Awaited<ReturnType<typeof listMyDocuments>>["rows"][number];

const tones: Record<string, "slate" | "green" | "amber" | "red" | "blue"> = {
  requested: "amber",
  approved: "blue",
  rejected: "red",
  shipped: "green",
  cancelled: "slate",
  posted: "green",
};

export function StatusBadge({ kind, status }: { kind: "callOff" | "sellOut"; status: string }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status] ?? "slate"}>{t(`myStock.${kind}.statuses.${status}`, { defaultValue: status })}</Badge>;
}

/** The list of a partner's call-offs or sell-out reports; the number links to the document. */
export function useDocumentColumns(kind: "callOff" | "sellOut", base: string): ColumnDef<DocumentRow, unknown>[] {
  const { t, i18n } = useTranslation();
  return [
    {
      id: "number",
      header: t("myStock.documents.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`${base}/${row.original.id}`} className="font-mono text-xs text-blue-700 underline-offset-2 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    { id: "status", header: t("myStock.documents.status"), meta: { sortKey: "status" }, cell: ({ row }) => <StatusBadge kind={kind} status={row.original.status} /> },
    { id: "createdAt", header: t("myStock.documents.createdAt"), meta: { sortKey: "createdAt" }, cell: ({ row }) => formatDateTime(row.original.createdAt, i18n.language) },
    { id: "lines", header: t("myStock.documents.lines"), meta: { align: "right" }, cell: ({ row }) => row.original.lines },
  ];
}
