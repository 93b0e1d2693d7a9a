import type { ReactNode } from "react";
import { localName } from "@cs/i18n";
import { useTranslation } from "@cs/i18n/react";
import type { getFundApplication } from "@cs/domain";
import { Badge, Card, formatDate, formatDateTime, formatMoney, FactList } from "@cs/ui";

/** Co-marketing fund applications and claims as both apps show them (the partner's own, staff's review). */
export type FundApplicationDetail = Awaited<ReturnType<typeof getFundApplication>>;

const fundTones = { submitted: "amber", approved: "green", rejected: "red" } as const;
const claimTones = { submitted: "amber", returned: "red", approved: "green" } as const;

export function FundStatusBadge({ status }: { status: keyof typeof fundTones }) {
  const { t } = useTranslation();
  return <Badge tone={fundTones[status]}>{t(`marketing.fundStatuses.${status}`)}</Badge>;
}

export function FundClaimBadge({ status }: { status: keyof typeof claimTones }) {
  const { t } = useTranslation();
  return <Badge tone={claimTones[status]}>{t(`marketing.claimStatuses.${status}`)}</Badge>;
}

/** The application: what, when, how much, its pool and the decision. */
export function FundApplicationFacts({ detail, staff }: { detail: FundApplicationDetail; staff: boolean }) {
  const { t, i18n } = useTranslation();
  const a = detail.application;
  const locale = i18n.language;
  const rows: [string, ReactNode][] = [
    ...(staff ? [[t("marketing.funds.facts.partner"), `${a.partnerCode} ${a.partner}${a.branch ? ` · ${a.branch}` : ""}`] as [string, ReactNode]] : []),
    [t("marketing.funds.activity"), a.activity],
    [t("marketing.funds.columns.dates"), `${formatDate(a.startsOn, locale)} – ${formatDate(a.endsOn, locale)}`],
    [t("marketing.funds.expectedResult"), a.expectedResult],
    [t("marketing.funds.division"), localName(locale === "zh-CN", a.divisionZh, a.divisionEn)],
    ...(a.campaignNumber ? [[t("marketing.funds.facts.campaign"), `${a.campaignNumber} ${a.campaignName ?? ""}`] as [string, ReactNode]] : []),
    ...(staff
      ? [[t("marketing.funds.facts.pool"), `${a.poolQuarter} · ${t("marketing.figures.remaining")} ${formatMoney(a.poolPlannedFen - a.poolCommittedFen, locale)}`] as [string, ReactNode]]
      : []),
    [t("marketing.funds.facts.requested"), <span key="r" className="tabular-nums">{formatMoney(a.requestedFen, locale)}</span>],
    [t("marketing.funds.facts.approved"), <span key="a" className="tabular-nums" data-figure="approved">{a.approvedFen === null ? "—" : formatMoney(a.approvedFen, locale)}</span>],
    ...(a.decisionReason ? [[t("marketing.funds.facts.reason"), a.decisionReason] as [string, ReactNode]] : []),
    ...(a.decidedBy && a.decidedAt ? [[t("marketing.funds.facts.decidedBy"), `${a.decidedBy} · ${formatDateTime(a.decidedAt, locale)}`] as [string, ReactNode]] : []),
    ...(a.status === "approved" ? [[t("marketing.funds.facts.claimDue"), formatDate(a.claimDueOn, locale)] as [string, ReactNode]] : []),
  ];
  return (
    <Card>
      <FactList facts={rows} />
    </Card>
  );
}

/** The claim and its proof files; `fileLink` builds the URL of a proof file in this app. */
type ClaimFile = FundApplicationDetail["files"][number];

/** A claim with its proof files, each a line with its review (accepted amount or rejection); `review` adds staff's line form. */
export function FundClaimView({
  detail,
  fileLink,
  review,
  children,
}: {
  detail: FundApplicationDetail;
  fileLink: (fileId: string) => string;
  review?: (file: ClaimFile) => ReactNode;
  children?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const c = detail.claim;
  return (
    <Card title={t("marketing.funds.claim.title")}>
      {c ? (
        <div className="space-y-3">
          <FactList
            facts={[
              [t("marketing.funds.claim.number"), <span key="n" className="font-mono">{c.number}</span>],
              [t("marketing.funds.columns.status"), <FundClaimBadge key="s" status={c.status} />],
              [t("marketing.funds.claim.claimed"), <span key="c" className="tabular-nums">{formatMoney(c.claimedFen, locale)}</span>],
              ...(c.approvedFen !== null ? [[t("marketing.funds.facts.approved"), <span key="a" className="tabular-nums" data-figure="claim-approved">{formatMoney(c.approvedFen, locale)}</span>] as [string, ReactNode]] : []),
              [t("marketing.funds.claim.description"), c.description],
              ...(c.decisionComment ? [[t("marketing.funds.facts.reason"), c.decisionComment] as [string, ReactNode]] : []),
            ]}
          />
          <div>
            <h3 className="text-sm font-medium text-slate-700">{t("marketing.funds.claim.files")}</h3>
            <ul className="mt-1 list-disc pl-5 text-sm">
              {detail.files.map((f) => (
                <li key={f.id}>
                  <a href={fileLink(f.id)} className="text-blue-700 underline" target="_blank" rel="noreferrer">
                    {f.originalName}
                  </a>{" "}
                  <span className="text-xs text-slate-500">({Math.ceil(f.sizeBytes / 1024)} KB)</span>{" "}
                  <span className="text-xs" data-line-review={f.id}>
                    {f.acceptedFen !== null
                      ? t("marketing.funds.claim.lineAccepted", { amount: formatMoney(f.acceptedFen, locale) })
                      : f.rejectReason !== null
                        ? t("marketing.funds.claim.lineRejected", { reason: f.rejectReason })
                        : t("marketing.funds.claim.lineOpen")}
                  </span>
                  {review ? review(f) : null}
                </li>
              ))}
            </ul>
          </div>
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("marketing.funds.claim.none")}</p>
      )}
      {children}
    </Card>
  );
}
