import type { ReactNode } from "react";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import type { getDealRegistration } from "@cs/domain";
import { Link } from "react-router";
import { Badge, Card, DetailTable, PageHeader, buttonClass, formatDate, formatDateTime, formatMoney, FactList } from "@cs/ui";

/** Deal registrations (报备) as both apps show them: the partner's own, staff's review. */
export type DealRegistrationDetail = Awaited<ReturnType<typeof getDealRegistration>>;

const tones = { submitted: "amber", approved: "green", rejected: "red", expired: "slate" } as const;

/** The status, with an approved registration past its protection shown as ended. */
export function DealStatusBadge({ status, protectedUntil, today }: { status: "submitted" | "approved" | "rejected"; protectedUntil: string | null; today: string }) {
  const { t } = useTranslation();
  const shown = status === "approved" && protectedUntil !== null && protectedUntil < today ? "expired" : status;
  return <Badge tone={tones[shown]}>{t(`deals.statuses.${shown}`)}</Badge>;
}

/** Who, which customer and product line, when, the competitor and the decision. */
export function DealFacts({ detail, staff }: { detail: DealRegistrationDetail; staff: boolean }) {
  const { t, i18n } = useTranslation();
  const r = detail.registration;
  const locale = i18n.language;
  const rows: [string, ReactNode][] = [
    ...(staff ? [[t("deals.facts.partner"), `${r.partnerCode} ${r.partner}${r.branch ? ` · ${r.branch}` : ""}`] as [string, ReactNode]] : []),
    [t("deals.facts.customer"), r.customerName],
    [t("deals.facts.creditCode"), <span key="c" className="font-mono">{r.customerCreditCode}</span>],
    [t("deals.facts.productLine"), localName(locale === "zh-CN", r.productLineZh, r.productLineEn)],
    [t("deals.facts.expectedClose"), formatDate(r.expectedCloseOn, locale)],
    [t("deals.facts.competitor"), r.competitor ?? "—"],
    ...(r.note ? [[t("deals.facts.note"), r.note] as [string, ReactNode]] : []),
    ...(r.protectedFrom && r.protectedUntil
      ? [[t("deals.facts.protection"), t("deals.facts.protectionRange", { from: formatDate(r.protectedFrom, locale), until: formatDate(r.protectedUntil, locale) })] as [string, ReactNode]]
      : []),
    ...(r.specialPriceReason ? [[t("deals.facts.specialReason"), r.specialPriceReason] as [string, ReactNode]] : []),
    ...(r.decisionReason ? [[t("deals.facts.reason"), r.decisionReason] as [string, ReactNode]] : []),
    ...(r.decidedBy && r.decidedAt ? [[t("deals.facts.decidedBy"), `${r.decidedBy} · ${formatDateTime(r.decidedAt, locale)}`] as [string, ReactNode]] : []),
  ];
  return (
    <Card title={t("deals.facts.title")}>
      <FactList facts={rows} />
    </Card>
  );
}

/** The registered products with their special price, its quantity and what orders have used. */
export function DealLines({ detail }: { detail: DealRegistrationDetail }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  return (
    <Card title={t("deals.lines.title")}>
      <DetailTable
        caption={t("deals.lines.title")}
        rows={detail.lines}
        getRowId={(l) => l.productId}
        columns={[
          {
            id: "product",
            header: t("deals.lines.product"),
            cell: (l) => (
              <>
                <div className="font-mono text-xs whitespace-nowrap">{l.sku}</div>
                <div>{localName(locale === "zh-CN", l.nameZh, l.nameEn)}</div>
              </>
            ),
          },
          { id: "quantity", header: t("deals.lines.quantity"), align: "right", cell: (l) => l.quantity },
          { id: "listPrice", header: t("deals.lines.listPrice"), align: "right", cell: (l) => <span className="text-slate-600">{formatMoney(l.listPriceFen, locale)}</span> },
          {
            id: "specialPrice",
            header: t("deals.lines.specialPrice"),
            align: "right",
            cell: (l) => (
              <span className="font-semibold" data-figure="special-price">
                {l.specialPriceFen === null ? "—" : formatMoney(l.specialPriceFen, locale)}
              </span>
            ),
          },
          { id: "specialQuantity", header: t("deals.lines.specialQuantity"), align: "right", cell: (l) => l.specialQuantity ?? "—" },
          { id: "used", header: t("deals.lines.used"), align: "right", cell: (l) => l.specialUsed ?? "—" },
        ]}
      />
    </Card>
  );
}

/** A registration's page header in either app: its number, its state, and the way back to its list. */
export function DealHeader({ detail, today, backTo }: { detail: DealRegistrationDetail; today: string; backTo: string }) {
  const { t } = useTranslation();
  const r = detail.registration;
  return (
    <PageHeader
      title={`${t("deals.title")} ${r.number}`}
      actions={
        <Link to={backTo} className={buttonClass("ghost")}>
          {t("deals.back")}
        </Link>
      }
    >
      <div className="mt-1">
        <DealStatusBadge status={r.status} protectedUntil={r.protectedUntil} today={today} />
      </div>
    </PageHeader>
  );
}
