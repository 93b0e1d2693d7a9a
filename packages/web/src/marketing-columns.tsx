import type { ColumnDef } from "@tanstack/react-table";
import type { TFunction } from "i18next";
import { Link } from "react-router";
import { localName } from "@cs/i18n";
import type { DealRegistrationRow, FundApplicationRow, LeadRow } from "@cs/domain";
import { formatDate, formatDateTime, Money } from "@cs/ui";
import { DealStatusBadge } from "./deals";
import { LeadStatusBadge } from "./leads";
import { FundClaimBadge, FundStatusBadge } from "./marketing-funds";

/**
 * The marketing lists as both apps show them: the partner sees its own rows, staff the same columns
 * plus whose row it is (partner, branch) and where it came from. `base` is where a row's page lives.
 */
type Audience = { base: string; staff: boolean };

function linkCell<T extends { id: string }>(base: string, text: (row: T) => string, mono: boolean) {
  return ({ row }: { row: { original: T } }) => (
    <Link to={`${base}/${row.original.id}`} className={mono ? "font-mono text-blue-700 underline" : "text-blue-700 underline"}>
      {text(row.original)}
    </Link>
  );
}

function partnerCell<T extends { partnerCode: string | null; partner: string | null }>({ row }: { row: { original: T } }) {
  return (
    <>
      <span className="font-mono text-xs">{row.original.partnerCode}</span> {row.original.partner}
    </>
  );
}

export function leadColumns(t: TFunction, locale: string, { base, staff }: Audience): ColumnDef<LeadRow, unknown>[] {
  const columns: (ColumnDef<LeadRow, unknown> | false)[] = [
    { id: "name", header: t("leads.columns.name"), meta: { sortKey: "name" }, cell: linkCell<LeadRow>(base, (r) => r.name, false) },
    { id: "company", header: t("leads.columns.company"), cell: ({ row }) => row.original.company ?? "—" },
    { id: "contact", header: t("leads.columns.contact"), cell: ({ row }) => [row.original.mobile, row.original.email].filter(Boolean).join(" · ") || "—" },
    { id: "city", header: t("leads.columns.city"), cell: ({ row }) => [row.original.province, row.original.city].filter(Boolean).join(" ") || "—" },
    { id: "interest", header: t("leads.columns.interest"), meta: { defaultHidden: staff }, cell: ({ row }) => row.original.interest ?? "—" },
    staff && { id: "source", header: t("leads.columns.source"), cell: ({ row }) => t(`leads.sources.${row.original.source}`) },
    staff && { id: "campaign", header: t("leads.columns.campaign"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.campaign ?? "—" },
    { id: "status", header: t("leads.columns.status"), cell: ({ row }) => <LeadStatusBadge status={row.original.status} /> },
    staff && { id: "partner", header: t("leads.columns.partner"), cell: ({ row }) => (row.original.partnerCode ? `${row.original.partnerCode} ${row.original.partner}` : "—") },
    {
      id: "acceptBy",
      header: t("leads.columns.acceptBy"),
      meta: { sortKey: "acceptBy" },
      // a partner's deadline matters only while the lead waits for it; staff watch every deadline
      cell: ({ row }) => ((staff || row.original.status === "assigned") && row.original.acceptBy ? formatDateTime(row.original.acceptBy, locale) : "—"),
    },
    { id: "createdAt", header: t("leads.columns.createdAt"), meta: { sortKey: "createdAt", defaultHidden: !staff }, cell: ({ row }) => formatDateTime(row.original.createdAt, locale) },
  ];
  return columns.filter((c) => c !== false);
}

export function fundColumns(t: TFunction, locale: string, { base, staff }: Audience): ColumnDef<FundApplicationRow, unknown>[] {
  const columns: (ColumnDef<FundApplicationRow, unknown> | false)[] = [
    { id: "number", header: t("marketing.funds.columns.number"), meta: { sortKey: "number" }, cell: linkCell<FundApplicationRow>(base, (r) => r.number, true) },
    staff && { id: "partner", header: t("marketing.funds.columns.partner"), cell: partnerCell },
    staff && { id: "branch", header: t("marketing.funds.columns.branch"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.branch ?? "—" },
    { id: "activity", header: t("marketing.funds.columns.activity"), cell: ({ row }) => row.original.activity },
    { id: "dates", header: t("marketing.funds.columns.dates"), cell: ({ row }) => `${formatDate(row.original.startsOn, locale)} – ${formatDate(row.original.endsOn, locale)}` },
    { id: "status", header: t("marketing.funds.columns.status"), cell: ({ row }) => <FundStatusBadge status={row.original.status} /> },
    { id: "requested", header: t("marketing.funds.columns.requested"), meta: { sortKey: "requestedFen", align: "right" }, cell: ({ row }) => <Money fen={row.original.requestedFen} locale={locale} /> },
    { id: "approved", header: t("marketing.funds.columns.approved"), meta: { align: "right" }, cell: ({ row }) => (row.original.approvedFen === null ? "—" : <Money fen={row.original.approvedFen} locale={locale} />) },
    { id: "claim", header: t("marketing.funds.columns.claim"), cell: ({ row }) => (row.original.claimStatus ? <FundClaimBadge status={row.original.claimStatus} /> : "—") },
  ];
  return columns.filter((c) => c !== false);
}

export function dealColumns(t: TFunction, locale: string, today: string, { base, staff }: Audience): ColumnDef<DealRegistrationRow, unknown>[] {
  const columns: (ColumnDef<DealRegistrationRow, unknown> | false)[] = [
    { id: "number", header: t("deals.columns.number"), meta: { sortKey: "number" }, cell: linkCell<DealRegistrationRow>(base, (r) => r.number, true) },
    staff && { id: "partner", header: t("deals.columns.partner"), cell: partnerCell },
    staff && { id: "branch", header: t("deals.columns.branch"), meta: { defaultHidden: true }, cell: ({ row }) => row.original.branch ?? "—" },
    {
      id: "customer",
      header: t("deals.columns.customer"),
      cell: ({ row }) =>
        staff ? (
          <>
            <div>{row.original.customerName}</div>
            <div className="font-mono text-xs text-slate-500">{row.original.customerCreditCode}</div>
          </>
        ) : (
          row.original.customerName
        ),
    },
    { id: "productLine", header: t("deals.columns.productLine"), cell: ({ row }) => localName(locale === "zh-CN", row.original.productLineZh, row.original.productLineEn) },
    { id: "expectedClose", header: t("deals.columns.expectedClose"), meta: { sortKey: "expectedCloseOn" }, cell: ({ row }) => formatDate(row.original.expectedCloseOn, locale) },
    { id: "status", header: t("deals.columns.status"), cell: ({ row }) => <DealStatusBadge status={row.original.status} protectedUntil={row.original.protectedUntil} today={today} /> },
    { id: "protectedUntil", header: t("deals.columns.protectedUntil"), cell: ({ row }) => (row.original.protectedUntil ? formatDate(row.original.protectedUntil, locale) : "—") },
  ];
  return columns.filter((c) => c !== false);
}
