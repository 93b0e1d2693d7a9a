/** Pieces of the repair-request pages both apps show: status and warranty badges, the SLA clock, the timeline. */
import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import type { listRepairRequests } from "@cs/domain";
import type { RepairStatus, WarrantyStatus } from "@cs/db/schema/service";
import { localName } from "@cs/i18n";
import { Badge, Card, cn, formatDateTime, Money } from "@cs/ui";

const statusTones: Record<RepairStatus, "slate" | "green" | "amber" | "red" | "blue"> = {
  submitted: "amber",
  accepted: "blue",
  received: "blue",
  diagnosing: "blue",
  awaiting_parts: "amber",
  repairing: "blue",
  ready: "green",
  returned: "green",
  closed: "slate",
  cancelled: "slate",
};

export function RepairStatusBadge({ status, t }: { status: RepairStatus; t: TFunction }) {
  return <Badge tone={statusTones[status]}>{t(`service.statuses.${status}`)}</Badge>;
}

const warrantyTones: Record<WarrantyStatus, "green" | "amber" | "red" | "blue"> = { in_warranty: "green", extended: "blue", expired: "red", unknown: "amber" };

export function WarrantyBadge({ status, t }: { status: WarrantyStatus; t: TFunction }) {
  return <Badge tone={warrantyTones[status]}>{t(`service.warranty.statuses.${status}`)}</Badge>;
}

/** A span of time in the reader's language: minutes under an hour, hours and minutes under two days, else days and hours. */
export function formatDuration(ms: number, t: TFunction): string {
  const totalMinutes = Math.floor(ms / 60_000);
  const m = totalMinutes % 60;
  const totalHours = Math.floor(totalMinutes / 60);
  if (totalHours === 0) return t("common.duration.minutes", { m });
  if (totalHours < 48) return t("common.duration.hoursMinutes", { h: totalHours, m });
  return t("common.duration.daysHours", { d: Math.floor(totalHours / 24), h: totalHours % 24 });
}

/** Time left on the running SLA deadline; overdue in red. */
export function SlaClock({ due, now, t, locale }: { due: Date | string | null; now: number; t: TFunction; locale: string }) {
  if (!due) return <span className="text-slate-400">—</span>;
  const ms = new Date(due).getTime() - now;
  const left = formatDuration(Math.abs(ms), t);
  return (
    <span className={cn("tabular-nums", ms < 0 ? "font-semibold text-red-700" : ms < 2 * 3_600_000 ? "text-amber-700" : "text-slate-700")} title={formatDateTime(due, locale)}>
      {ms < 0 ? t("service.sla.overdue", { time: left }) : t("service.sla.left", { time: left })}
    </span>
  );
}

type TimelineEvent = { id: bigint | string | number; action: string; comment: string | null; createdAt: Date | string; actorName: string | null };

export function Timeline({ events, t, locale }: { events: TimelineEvent[]; t: TFunction; locale: string }) {
  return (
    <ol className="space-y-3" aria-label={t("service.timeline")}>
      {events.map((e) => (
        <li key={String(e.id)} className="border-l-2 border-blue-200 pl-3 text-sm">
          <div className="font-medium text-slate-900">{t(`service.events.${e.action}`, { defaultValue: e.action })}</div>
          <div className="text-xs text-slate-500">
            {formatDateTime(e.createdAt, locale)}
            {e.actorName ? ` · ${e.actorName}` : ""}
          </div>
          {e.comment ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{e.comment}</p> : null}
        </li>
      ))}
    </ol>
  );
}

type Photo = { id: string; originalName: string };
/** The photos filed with a repair request, each opening full size. */
export function RepairPhotos({ requestId, photos, t }: { requestId: string; photos: Photo[]; t: TFunction }) {
  if (!photos.length) return null;
  return (
    <Card title={t("service.fields.photos")}>
      <ul className="flex flex-wrap gap-3">
        {photos.map((a) => (
          <li key={a.id}>
            <a href={`/service/requests/${requestId}/photos/${a.id}`} target="_blank" rel="noreferrer">
              <img src={`/service/requests/${requestId}/photos/${a.id}`} alt={a.originalName} className="h-24 w-24 rounded object-cover ring-1 ring-slate-200" />
            </a>
          </li>
        ))}
      </ul>
    </Card>
  );
}

type UsedPart = { id: string; sku: string; nameZh: string; nameEn: string; quantity: number; faultySerial: string | null; replacementSerial: string | null; stockMoveId: number | string | bigint; unitCostFen?: bigint | null };
/** Parts used on a repair; their cost only where the page was given it (staff with cost, never a station). */
export function RepairPartsUsed({ parts, t, locale, withCost = false }: { parts: UsedPart[]; t: TFunction; locale: string; withCost?: boolean }) {
  if (!parts.length) return null;
  const zh = locale === "zh-CN";
  return (
    <Card title={t("service.parts.title")}>
      <ul className="divide-y divide-slate-100 text-sm">
        {parts.map((p) => (
          <li key={p.id} className="flex flex-wrap gap-3 py-2">
            <span className="font-mono text-xs">{p.sku}</span>
            <span>{localName(zh, p.nameZh, p.nameEn)}</span>
            <span>× {p.quantity}</span>
            {withCost && p.unitCostFen != null ? <Money fen={p.unitCostFen * BigInt(p.quantity)} locale={locale} /> : null}
            {p.faultySerial ? <span className="text-slate-600">{t("service.parts.faulty", { serial: p.faultySerial })}</span> : null}
            {p.replacementSerial ? <span className="text-slate-600">{t("service.parts.replacement", { serial: p.replacementSerial })}</span> : null}
            <span className="ml-auto text-xs text-slate-500">{t("service.parts.move", { id: String(p.stockMoveId) })}</span>
          </li>
        ))}
      </ul>
    </Card>
  );
}

type ClaimSummary = { number: string; status: "submitted" | "approved" | "adjusted" | "rejected" | string; claimedFen: bigint; approvedFen: bigint | null; decisionComment: string | null; stationName?: string };
/** One warranty claim's figures and decision, as both the station and the service desk read it. */
export function RepairClaimFacts({ claim: c, t, locale }: { claim: ClaimSummary; t: TFunction; locale: string }) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <span className="font-mono text-xs">{c.number}</span>
      {c.stationName ? <span>{c.stationName}</span> : null}
      <Badge tone={c.status === "rejected" ? "red" : c.status === "submitted" ? "amber" : "green"}>{t(`service.claims.statuses.${c.status}`)}</Badge>
      <Money fen={c.claimedFen} locale={locale} />
      {c.approvedFen !== null ? (
        <span>
          → <Money fen={c.approvedFen} locale={locale} />
        </span>
      ) : null}
      {c.decisionComment ? <span className="text-slate-600">{c.decisionComment}</span> : null}
    </div>
  );
}

export type RepairRow = Awaited<ReturnType<typeof listRepairRequests>>["rows"][number];
type RepairColumn = ColumnDef<RepairRow, unknown>;

/** The columns every list of repair requests starts from; each app adds its own around them. */
export function repairBaseColumns(t: TFunction, locale: string): { number: RepairColumn; status: RepairColumn; device: RepairColumn; warranty: RepairColumn } {
  const zh = locale === "zh-CN";
  return {
    number: {
      id: "number",
      header: t("service.fields.number"),
      meta: { sortKey: "number" },
      cell: ({ row }) => (
        <Link to={`/service/requests/${row.original.id}`} className="font-mono text-xs font-medium text-blue-800 hover:underline">
          {row.original.number}
        </Link>
      ),
    },
    status: { id: "status", header: t("service.fields.status"), meta: { sortKey: "status" }, cell: ({ row }) => <RepairStatusBadge status={row.original.status} t={t} /> },
    device: {
      id: "device",
      header: t("service.device"),
      cell: ({ row }) => (
        <div>
          <div>{localName(zh, row.original.productNameZh, row.original.productNameEn)}</div>
          <div className="font-mono text-xs text-slate-500">{row.original.serial}</div>
        </div>
      ),
    },
    warranty: { id: "warranty", header: t("service.fields.warranty"), cell: ({ row }) => <WarrantyBadge status={row.original.warrantyStatus} t={t} /> },
  };
}
