import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { KnowledgeRow } from "@cs/domain";
import { Badge, formatDateTime } from "@cs/ui";
import { localName } from "@cs/i18n";

const tones = { draft: "amber", published: "green", archived: "slate" } as const;

export function KnowledgeStatusBadge({ status, t }: { status: keyof typeof tones; t: TFunction }) {
  return <Badge tone={tones[status]}>{t(`knowledge.statuses.${status}`)}</Badge>;
}

export function knowledgeColumns(t: TFunction, locale: string): ColumnDef<KnowledgeRow, unknown>[] {
  const zh = locale === "zh-CN";
  return [
    {
      id: "number",
      header: t("knowledge.fields.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/service/knowledge/${row.original.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    {
      id: "title",
      header: t("knowledge.fields.title"),
      meta: { sortKey: "title" },
      cell: ({ row }) => (
        <div className="max-w-md">
          <div className="font-medium text-slate-900">{row.original.title}</div>
          <div className="truncate text-xs text-slate-500">{row.original.symptom}</div>
        </div>
      ),
    },
    { id: "status", header: t("knowledge.fields.status"), cell: ({ row }) => <KnowledgeStatusBadge status={row.original.status} t={t} /> },
    { id: "division", header: t("knowledge.fields.division"), cell: ({ row }) => localName(zh, row.original.divisionZh, row.original.divisionEn) ?? "—" },
    {
      id: "applies",
      header: t("knowledge.fields.applies"),
      cell: ({ row }) => t("knowledge.appliesCount", { products: row.original.productCount, lines: row.original.lineCount }),
    },
    { id: "author", header: t("knowledge.fields.author"), cell: ({ row }) => row.original.authorName ?? "—" },
    {
      id: "publishedAt",
      header: t("knowledge.fields.publishedAt"),
      meta: { sortKey: "publishedAt" },
      cell: ({ row }) => (row.original.publishedAt ? formatDateTime(row.original.publishedAt, locale) : "—"),
    },
    { id: "updatedAt", header: t("knowledge.fields.updatedAt"), meta: { sortKey: "updatedAt" }, cell: ({ row }) => formatDateTime(row.original.updatedAt, locale) },
  ];
}
