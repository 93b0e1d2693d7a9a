import type { ReactNode } from "react";
import { useTranslation } from "@cs/i18n/react";
import type { getLead, LeadRow } from "@cs/domain";
import { Link } from "react-router";
import { Badge, Card, PageHeader, formatDateTime, FactList } from "@cs/ui";

/** A lead as both apps show it: staff's pool and the partner's own. */
export type LeadDetail = Awaited<ReturnType<typeof getLead>>;

const tones = { new: "blue", assigned: "amber", accepted: "blue", working: "blue", won: "green", lost: "red", returned: "slate" } as const;

export function LeadStatusBadge({ status }: { status: LeadRow["status"] }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status]}>{t(`leads.statuses.${status}`)}</Badge>;
}

/** Contact, company, where, interest, source and — once assigned — the partner and its deadline. */
/** A lead's page header in both apps: who it is, and the way back to the app's own lead list. */
export function LeadHeader({ detail, backTo }: { detail: LeadDetail; backTo: string }) {
  const { t } = useTranslation();
  const { name, company } = detail.lead;
  return (
    <PageHeader
      title={company ? `${name} · ${company}` : name}
      actions={
        <Link to={backTo} className="text-sm text-blue-700 underline">
          {t("leads.back")}
        </Link>
      }
    />
  );
}

export function LeadFacts({ detail, staff, dealHref }: { detail: LeadDetail; staff: boolean; dealHref?: string }) {
  const { t, i18n } = useTranslation();
  const l = detail.lead;
  const locale = i18n.language;
  const row = (label: string, value: ReactNode | null | undefined): [string, ReactNode][] => (value === null || value === undefined || value === "" ? [] : [[label, value]]);
  const rows: [string, ReactNode][] = [
    ...row(t("leads.fields.name"), l.name),
    ...row(t("leads.fields.company"), l.company),
    ...row(t("leads.fields.mobile"), l.mobile),
    ...row(t("leads.fields.email"), l.email),
    ...row(t("leads.fields.creditCode"), l.creditCode ? <span className="font-mono">{l.creditCode}</span> : null),
    ...row(t("leads.fields.province"), l.province),
    ...row(t("leads.fields.city"), l.city),
    ...row(t("leads.fields.interest"), l.interest),
    ...row(t("leads.source"), t(`leads.sources.${l.source}`)),
    ...row(t("leads.campaign"), l.campaign),
    ...row(t("leads.status"), <LeadStatusBadge status={l.status} />),
    ...(staff ? row(t("leads.columns.partner"), l.partner ? `${l.partnerCode} ${l.partner}` : null) : []),
    ...row(t("leads.detail.assignedAt"), l.assignedAt ? formatDateTime(l.assignedAt, locale) : null),
    ...row(
      t("leads.detail.acceptBy"),
      l.acceptBy ? (
        <span className={detail.acceptOverdue ? "font-medium text-red-700" : undefined}>
          {formatDateTime(l.acceptBy, locale)}
          {detail.acceptOverdue ? ` · ${t("leads.detail.overdue")}` : ""}
        </span>
      ) : null,
    ),
    ...row(t("leads.detail.acceptedAt"), l.acceptedAt ? formatDateTime(l.acceptedAt, locale) : null),
    ...row(t("leads.detail.nextStep"), l.nextStep),
    ...row(t("leads.detail.lostReason"), l.lostReason),
    ...row(t("leads.detail.competitor"), l.competitor),
    ...row(
      t("leads.detail.deal"),
      l.dealNumber && dealHref ? (
        <Link to={dealHref} className="font-mono text-blue-700 underline">
          {l.dealNumber}
        </Link>
      ) : l.dealNumber,
    ),
  ];
  return (
    <Card title={t("leads.detail.facts")}>
      <FactList facts={rows} />
    </Card>
  );
}

/** The lead's events, oldest first (a partner sees only those naming it). */
export function LeadHistory({ detail }: { detail: LeadDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t("leads.detail.history")}>
      <ol className="space-y-2 text-sm">
        {detail.events.map((e) => (
          <li key={e.id} className="flex flex-wrap gap-x-3">
            <time className="text-slate-500">{formatDateTime(e.createdAt, i18n.language)}</time>
            <span className="font-medium">{t(`leads.events.${e.kind}`, { partner: e.partner ?? "—" })}</span>
            {e.actor ? <span className="text-slate-500">{e.actor}</span> : null}
            {e.note ? <span className="w-full text-slate-700">{e.note}</span> : null}
          </li>
        ))}
      </ol>
    </Card>
  );
}
