/** Pieces of the repair-request pages both apps show: status and warranty badges, the SLA clock, the timeline. */
import type { TFunction } from "i18next";
import type { RepairStatus, WarrantyStatus } from "@cs/db/schema/service";
import { Badge, cn, formatDateTime } from "@cs/ui";

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
