import type { ReactNode } from "react";
import { useTranslation } from "@cs/i18n/react";
import { Badge, formatDate, formatDateTime, formatMoney } from "@cs/ui";

/** A payment notice as both apps list it (the domain's PaymentNoticeRow after the loader). */
export type PaymentNoticeItem = {
  id: string;
  number: string;
  partner: string;
  partnerCode: string;
  amountFen: bigint;
  paidOn: string;
  reference: string;
  payerAccount: string | null;
  note: string | null;
  hasReceipt: boolean;
  status: "pending" | "confirmed" | "rejected";
  rejectReason: string | null;
  paymentNumber: string | null;
  createdAt: Date | string;
};

const tones = { pending: "amber", confirmed: "green", rejected: "red" } as const;

/**
 * Payment notices as stacked rows (readable on a phone): amount and status first, then date,
 * reference and receipt; `showPartner` for finance; `actions` renders what a row offers (confirm, return).
 */
export function PaymentNoticeList({ rows, showPartner, actions }: { rows: PaymentNoticeItem[]; showPartner: boolean; actions?: (row: PaymentNoticeItem) => ReactNode }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <ul className="divide-y divide-slate-100" aria-label={t("billing.notices.title")}>
      {rows.map((n) => (
        <li key={n.id} className="py-3">
          <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
            <span className="text-base font-semibold tabular-nums">{formatMoney(n.amountFen, locale)}</span>
            <Badge tone={tones[n.status]}>{t(`billing.notices.statuses.${n.status}`)}</Badge>
            <span className="text-sm text-slate-500">{n.number}</span>
            {showPartner ? (
              <span className="text-sm font-medium text-slate-800">
                {n.partnerCode} {n.partner}
              </span>
            ) : null}
          </div>
          <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5 text-sm text-slate-700 sm:grid-cols-[auto_1fr_auto_1fr]">
            <dt className="text-slate-500">{t("billing.notices.columns.paidOn")}</dt>
            <dd>{formatDate(n.paidOn, locale)}</dd>
            <dt className="text-slate-500">{t("billing.notices.columns.reference")}</dt>
            <dd className="break-all">{n.reference}</dd>
            {n.payerAccount ? (
              <>
                <dt className="text-slate-500">{t("billing.notices.payerAccount")}</dt>
                <dd className="break-all">{n.payerAccount}</dd>
              </>
            ) : null}
            {n.note ? (
              <>
                <dt className="text-slate-500">{t("billing.notices.note")}</dt>
                <dd>{n.note}</dd>
              </>
            ) : null}
          </dl>
          <p className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-500">
            <span>{formatDateTime(n.createdAt, locale)}</span>
            {n.hasReceipt ? (
              <a href={`/finance/payment-notices/${n.id}/receipt`} target="_blank" rel="noreferrer" className="text-blue-800 underline">
                {t("billing.notices.viewReceipt")}
              </a>
            ) : null}
            {n.paymentNumber ? <span className="text-green-800">{t("billing.notices.paidAs", { number: n.paymentNumber })}</span> : null}
            {n.status === "rejected" && n.rejectReason ? <span className="text-red-800">{t("billing.notices.rejectedBecause", { reason: n.rejectReason })}</span> : null}
          </p>
          {actions ? actions(n) : null}
        </li>
      ))}
    </ul>
  );
}
