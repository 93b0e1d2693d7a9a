import type { ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "@cs/i18n/react";
import { Badge, Card, formatDate, formatDateTime, formatMoney } from "@cs/ui";

type When = Date | string;
type StatementStatus = "open" | "disputed" | "confirmed";
const tones = { open: "amber", disputed: "red", confirmed: "green" } as const;

/** A monthly statement as both apps list it (the domain's StatementRow after the loader). */
export type StatementItem = {
  id: string;
  month: string;
  partner: string;
  partnerCode: string;
  status: StatementStatus;
  issuedAt: When;
  confirmedAt: When | null;
  openDisputes: number;
};

export function StatementStatusBadge({ status }: { status: StatementStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status]}>{t(`billing.statements.status.${status}`)}</Badge>;
}

/** Monthly statements as stacked rows (readable on a phone), each a link to its page; `showPartner` for finance. */
export function StatementList({ rows, showPartner }: { rows: StatementItem[]; showPartner: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("billing.statements.empty")}</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label={t("billing.statements.title")}>
      {rows.map((s) => (
        <li key={s.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-3">
          <Link to={`/finance/statements/${s.id}`} className="font-semibold text-blue-800 hover:underline">
            {t("billing.statements.detailTitle", { month: s.month.slice(0, 7) })}
          </Link>
          <StatementStatusBadge status={s.status} />
          {showPartner ? (
            <span className="text-sm text-slate-800">
              {s.partnerCode} {s.partner}
            </span>
          ) : null}
          <span className="text-xs text-slate-500">
            {t("billing.statements.columns.issuedAt")} {formatDateTime(s.issuedAt, locale)}
          </span>
          {s.confirmedAt ? (
            <span className="text-xs text-green-800">
              {t("billing.statements.columns.confirmedAt")} {formatDateTime(s.confirmedAt, locale)}
            </span>
          ) : null}
          {s.openDisputes > 0 ? <span className="text-xs text-red-800">{t("billing.statements.columns.openDisputes")}: {s.openDisputes}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export type StatementEntryItem = {
  date: string;
  kind: "invoice" | "credit_note" | "payment" | "rebate" | "coupon";
  number: string;
  reference: string | null;
  debitFen: bigint;
  creditFen: bigint;
  balanceFen: bigint;
};

export type StatementDetailItem = {
  statement: { openingFen: bigint; closingFen: bigint; totalDebitFen: bigint; totalCreditFen: bigint; entries: StatementEntryItem[] };
};

/**
 * The statement's lines as stacked rows (a phone shows each as a small card, a desktop as one row):
 * opening balance, each document with its running balance, the totals and the closing balance.
 * `lineAction` adds what a line offers (the partner's dispute form).
 */
export function StatementLines({ detail, lineAction }: { detail: StatementDetailItem; lineAction?: (entry: StatementEntryItem) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const s = detail.statement;
  const c = (key: string) => t(`billing.statement.${key}`);
  return (
    <Card title={t("billing.statement.title")}>
      <p className="mb-2 flex justify-between text-sm">
        <span className="text-slate-600">{c("opening")}</span>
        <span className="tabular-nums">{formatMoney(s.openingFen, locale)}</span>
      </p>
      <ul className="divide-y divide-slate-100 border-y border-slate-100" aria-label={t("billing.statement.title")}>
        {s.entries.map((e) => (
          <li key={`${e.kind}-${e.number}`} className="py-2">
            <div className="grid grid-cols-2 gap-x-3 gap-y-0.5 text-sm sm:grid-cols-[7rem_7rem_1fr_8rem_8rem_8rem]">
              <span className="text-slate-600">{formatDate(e.date, locale)}</span>
              <span>{t(`billing.kinds.${e.kind}`)}</span>
              <span className="col-span-2 font-medium sm:col-span-1">
                {e.number}
                {e.reference ? <span className="ml-2 text-xs font-normal text-slate-500">{e.reference}</span> : null}
              </span>
              <span className="text-right tabular-nums">
                <span className="text-xs text-slate-500 sm:hidden">{c("debit")} </span>
                {e.debitFen ? formatMoney(e.debitFen, locale) : "—"}
              </span>
              <span className="text-right tabular-nums">
                <span className="text-xs text-slate-500 sm:hidden">{c("credit")} </span>
                {e.creditFen ? formatMoney(e.creditFen, locale) : "—"}
              </span>
              <span className="col-span-2 text-right tabular-nums sm:col-span-1">
                <span className="text-xs text-slate-500">{c("balance")} </span>
                {formatMoney(e.balanceFen, locale)}
              </span>
            </div>
            {lineAction ? lineAction(e) : null}
          </li>
        ))}
      </ul>
      <dl className="mt-2 grid grid-cols-[1fr_auto] gap-x-3 gap-y-0.5 text-sm">
        <dt className="text-slate-600">{c("debit")}</dt>
        <dd className="text-right tabular-nums">{formatMoney(s.totalDebitFen, locale)}</dd>
        <dt className="text-slate-600">{c("credit")}</dt>
        <dd className="text-right tabular-nums">{formatMoney(s.totalCreditFen, locale)}</dd>
        <dt className="font-semibold">{c("closing")}</dt>
        <dd className="text-right font-semibold tabular-nums">{formatMoney(s.closingFen, locale)}</dd>
      </dl>
    </Card>
  );
}

export type StatementDisputeItem = {
  id: string;
  entryNumber: string;
  reason: string;
  status: "open" | "resolved";
  resolution: string | null;
  raisedBy: string;
  raisedAt: When;
  resolvedAt: When | null;
};

/** The disputes raised on a statement and finance's answers; `action` renders finance's answer form on an open one. */
export function StatementDisputes({ disputes, action }: { disputes: StatementDisputeItem[]; action?: (d: StatementDisputeItem) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <Card title={t("billing.statements.disputes")} className="mt-4">
      {disputes.length === 0 ? (
        <p className="text-sm text-slate-600">{t("billing.statements.noDisputes")}</p>
      ) : (
        <ul className="divide-y divide-slate-100" aria-label={t("billing.statements.disputes")}>
          {disputes.map((d) => (
            <li key={d.id} className="py-2 text-sm">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className="font-medium">{d.entryNumber}</span>
                <Badge tone={d.status === "open" ? "amber" : "green"}>{t(`billing.statements.disputeStatus.${d.status}`)}</Badge>
                <span className="text-xs text-slate-500">
                  {d.raisedBy} · {formatDateTime(d.raisedAt, locale)}
                </span>
              </div>
              <p className="mt-1">
                <span className="text-slate-500">{t("billing.statements.reason")} · </span>
                {d.reason}
              </p>
              {d.resolution ? (
                <p className="mt-1 text-green-800">
                  <span className="text-slate-500">{t("billing.statements.resolution")} · </span>
                  {d.resolution}
                </p>
              ) : null}
              {action && d.status === "open" ? action(d) : null}
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
