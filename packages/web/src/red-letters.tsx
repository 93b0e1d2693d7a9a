import type { ReactNode } from "react";
import { Link } from "react-router";
import { useTranslation } from "@cs/i18n/react";
import { localName } from "@cs/i18n";
import { Badge, Card, formatDateTime, formatMoney } from "@cs/ui";

type When = Date | string;
type RedLetterStatus = "pending" | "confirmed" | "rejected";
const tones = { pending: "amber", confirmed: "green", rejected: "red" } as const;

/** A red-letter request as both apps list it (the domain's RedLetterRow after the loader). */
export type RedLetterItem = {
  id: string;
  number: string;
  partner: string;
  partnerCode: string;
  source: string;
  status: RedLetterStatus;
  invoiceNumber: string;
  totalFen: bigint;
  taxFen: bigint;
  createdAt: When;
  decidedAt: When | null;
};

export function RedLetterStatusBadge({ status }: { status: RedLetterStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status]}>{t(`invoicing.redLetter.status.${status}`)}</Badge>;
}

/** Red-letter requests as stacked rows (readable on a phone), each a link to its page; `showPartner` for finance. */
export function RedLetterList({ rows, showPartner }: { rows: RedLetterItem[]; showPartner: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  if (rows.length === 0) return <p className="text-sm text-slate-600">{t("invoicing.redLetter.empty")}</p>;
  return (
    <ul className="divide-y divide-slate-100" aria-label={t("invoicing.redLetter.title")}>
      {rows.map((r) => (
        <li key={r.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-3">
          <Link to={`/finance/red-letters/${r.id}`} className="font-mono font-semibold text-blue-800 hover:underline">
            {r.number}
          </Link>
          <RedLetterStatusBadge status={r.status} />
          {showPartner ? (
            <span className="text-sm text-slate-800">
              {r.partnerCode} {r.partner}
            </span>
          ) : null}
          <span className="text-sm">{t(`invoicing.redLetter.source.${r.source}`)}</span>
          <span className="text-sm">
            {t("invoicing.redLetter.columns.invoice")} <span className="font-mono">{r.invoiceNumber}</span>
          </span>
          <span className="text-sm tabular-nums">{formatMoney(r.totalFen, locale)}</span>
          <span className="text-xs text-slate-500">
            {t("invoicing.redLetter.columns.createdAt")} {formatDateTime(r.createdAt, locale)}
          </span>
        </li>
      ))}
    </ul>
  );
}

export type RedLetterDetail = {
  request: RedLetterItem & {
    rejectReason: string | null;
    returnId: string | null;
    returnNumber: string | null;
    creditNoteId: string | null;
    creditNoteNumber: string | null;
    decidedBy: string | null;
  };
  lines: { key: string; sku: string; nameZh: string; nameEn: string; quantity: number; unitPriceFen: bigint; grossFen: bigint; taxRateBp: number }[];
};

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

/** The request's facts and the lines it credits, as the credit note will carry them. */
export function RedLetterFacts({ detail }: { detail: RedLetterDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const r = detail.request;
  const c = (k: string) => t(`invoicing.redLetter.columns.${k}`);
  const f = (k: string) => t(`invoicing.redLetter.facts.${k}`);
  const l = (k: string) => t(`invoicing.redLetter.lines.${k}`);
  return (
    <>
      <Card className="mb-4">
        <dl className="grid gap-3 sm:grid-cols-3">
          <Fact label={c("partner")}>
            {r.partnerCode} {r.partner}
          </Fact>
          <Fact label={c("source")}>{t(`invoicing.redLetter.source.${r.source}`)}</Fact>
          <Fact label={c("invoice")}>
            <span className="font-mono">{r.invoiceNumber}</span>
          </Fact>
          <Fact label={c("total")}>{formatMoney(r.totalFen, locale)}</Fact>
          <Fact label={c("tax")}>{formatMoney(r.taxFen, locale)}</Fact>
          <Fact label={c("createdAt")}>{formatDateTime(r.createdAt, locale)}</Fact>
          {r.returnId && r.returnNumber ? (
            <Fact label={f("return")}>
              <Link to={`/returns/${r.returnId}`} className="font-mono text-blue-800 underline">
                {r.returnNumber}
              </Link>
            </Fact>
          ) : null}
          {r.decidedAt ? <Fact label={f("decidedBy")}>{`${r.decidedBy ?? "—"} · ${formatDateTime(r.decidedAt, locale)}`}</Fact> : null}
          {r.creditNoteId && r.creditNoteNumber ? (
            <Fact label={f("creditNote")}>
              <Link to={`/finance/invoices/${r.creditNoteId}`} className="font-mono text-blue-800 underline">
                {r.creditNoteNumber}
              </Link>
            </Fact>
          ) : null}
          {r.rejectReason ? <Fact label={f("rejectReason")}>{r.rejectReason}</Fact> : null}
        </dl>
      </Card>
      <Card className="mb-4 overflow-x-auto">
        <table className="w-full text-sm">
          <caption className="sr-only">{t("invoicing.redLetter.detailTitle", { number: r.number })}</caption>
          <thead>
            <tr className="text-left text-slate-500">
              <th scope="col">{l("sku")}</th>
              <th scope="col">{l("product")}</th>
              <th scope="col" className="text-right">{l("quantity")}</th>
              <th scope="col" className="text-right">{l("unitPrice")}</th>
              <th scope="col" className="text-right">{l("gross")}</th>
              <th scope="col" className="text-right">{l("taxRate")}</th>
            </tr>
          </thead>
          <tbody>
            {detail.lines.map((x) => (
              <tr key={x.key} className="border-t border-slate-100">
                <td className="font-mono text-xs">{x.sku}</td>
                <td>{localName(zh, x.nameZh, x.nameEn)}</td>
                <td className="text-right tabular-nums">{x.quantity}</td>
                <td className="text-right tabular-nums">{formatMoney(x.unitPriceFen, locale)}</td>
                <td className="text-right tabular-nums">{formatMoney(x.grossFen, locale)}</td>
                <td className="text-right tabular-nums">{x.taxRateBp / 100}%</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </>
  );
}
