import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { decideFundApplication, decideFundClaim, getFundApplication, reviewClaimLine } from "@cs/domain";
import { Alert, Button, Card, PageHeader, TextField, buttonClass, formatMoney } from "@cs/ui";
import { CsrfInput, FormAlert, FundApplicationFacts, FundClaimView, FundStatusBadge, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import { MarketingTabs } from "./tabs";
import type { Route } from "./+types/fund";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { detail: await getFundApplication(domainCtx(context, request), params.id) };
});

/**
 * `decide` approves (all or part) or rejects the application; `reviewLine` accepts an amount for one
 * proof line of its claim or rejects it; `decideClaim` approves (the accepted lines' sum) or returns it.
 */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const raw = readForm(form);
  const back = (done: string) => redirect(`/marketing/funds/${params.id}?done=${done}`);
  try {
    switch (form.get("intent")) {
      case "decide": {
        const r = await decideFundApplication(ctx, { ...raw, applicationId: params.id });
        return back(r.status);
      }
      case "decideClaim": {
        const detail = await getFundApplication(ctx, params.id);
        if (!detail.claim) return back("none");
        const r = await decideFundClaim(ctx, { ...raw, claimId: detail.claim.id });
        return back(r.status === "approved" ? "settled" : "returned");
      }
      case "reviewLine": {
        const detail = await getFundApplication(ctx, params.id);
        if (!detail.claim) return back("none");
        await reviewClaimLine(ctx, { ...raw, claimId: detail.claim.id });
        return back("line");
      }
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
});

/** One proof line's review: an accepted amount, or a rejection with its reason. */
function ClaimLineForm({ fileId, busy }: { fileId: string; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="mt-1 mb-2 flex flex-wrap items-end gap-2">
      <CsrfInput />
      <input type="hidden" name="intent" value="reviewLine" />
      <input type="hidden" name="fileId" value={fileId} />
      <TextField label={t("marketing.funds.claim.lineAmount")} name="amount" inputMode="decimal" />
      <TextField label={t("marketing.funds.claim.lineReason")} name="reason" maxLength={500} />
      <Button name="decision" value="accept" variant="secondary" disabled={busy}>
        {t("marketing.funds.claim.lineAccept")}
      </Button>
      <Button name="decision" value="reject" variant="secondary" disabled={busy}>
        {t("marketing.funds.claim.lineReject")}
      </Button>
    </Form>
  );
}

export default function FundApplicationReview({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { detail } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const field = useFieldErrors(result);
  const a = detail.application;
  const locale = i18n.language;
  const done = search.get("done");
  const accepted = detail.files.reduce((sum, f) => sum + (f.acceptedFen ?? 0n), 0n);
  const ceiling = detail.claim && a.approvedFen !== null ? (detail.claim.claimedFen < a.approvedFen ? detail.claim.claimedFen : a.approvedFen) : 0n;
  const doneText =
    done === "approved" ? t("marketing.funds.decide.approved", { amount: formatMoney(a.approvedFen ?? 0n, locale) })
    : done === "rejected" ? t("marketing.funds.decide.rejected")
    : done === "settled" ? t("marketing.funds.claim.settled", { amount: formatMoney(detail.claim?.approvedFen ?? 0n, locale) })
    : done === "returned" ? t("marketing.funds.claim.returned")
    : done === "line" ? t("marketing.funds.claim.lineDone", { total: formatMoney(accepted, locale) })
    : null;
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t("marketing.funds.title")} ${a.number}`}
        actions={
          <Link to="/marketing/funds" className={buttonClass("ghost")}>
            {t("marketing.funds.back")}
          </Link>
        }
      >
        <div className="mt-1">
          <FundStatusBadge status={a.status} />
        </div>
      </PageHeader>
      <MarketingTabs />
      {doneText && !actionData ? <Alert tone="success">{doneText}</Alert> : null}
      <FundApplicationFacts detail={detail} staff />
      {detail.mayDecide ? (
        <Card title={t("marketing.funds.decide.title")}>
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <CsrfInput />
            <div className="sm:col-span-3">
              <FormAlert result={result} />
            </div>
            <TextField label={t("marketing.funds.decide.amount")} name="amount" inputMode="decimal" errors={field("amount")} />
            <TextField label={t("marketing.funds.decide.reason")} name="reason" maxLength={1000} className="sm:col-span-2" errors={field("reason")} />
            <div className="flex gap-2 sm:col-span-3">
              <input type="hidden" name="intent" value="decide" />
              <Button name="decision" value="approve" disabled={busy}>
                {t("marketing.funds.decide.approve")}
              </Button>
              <Button name="decision" value="reject" variant="danger" disabled={busy}>
                {t("marketing.funds.decide.reject")}
              </Button>
            </div>
          </Form>
        </Card>
      ) : null}
      {a.status === "approved" ? (
        <FundClaimView
          detail={detail}
          fileLink={(fileId) => `/marketing/funds/${a.id}/files/${fileId}`}
          review={detail.mayDecideClaim ? (f) => <ClaimLineForm fileId={f.id} busy={busy} /> : undefined}
        >
          {detail.mayDecideClaim ? (
            <p className="mt-3 text-sm text-slate-700" data-figure="lines-accepted">
              {t("marketing.funds.claim.linesTotal", { total: formatMoney(accepted, locale), ceiling: formatMoney(ceiling, locale) })}
            </p>
          ) : null}
          {detail.mayDecideClaim ? (
            <Form method="post" className="mt-4 grid gap-3 border-t border-slate-200 pt-4 sm:grid-cols-3">
              <CsrfInput />
              <div className="sm:col-span-3">
                <FormAlert result={result} />
              </div>
              <TextField label={t("marketing.funds.claim.approveAmount")} name="amount" inputMode="decimal" errors={field("amount")} />
              <TextField label={t("marketing.funds.claim.comment")} name="comment" maxLength={1000} className="sm:col-span-2" errors={field("comment")} />
              <div className="flex gap-2 sm:col-span-3">
                <input type="hidden" name="intent" value="decideClaim" />
                <Button name="decision" value="approve" disabled={busy}>
                  {t("marketing.funds.claim.approve")}
                </Button>
                <Button name="decision" value="return" variant="secondary" disabled={busy}>
                  {t("marketing.funds.claim.return")}
                </Button>
              </div>
            </Form>
          ) : null}
        </FundClaimView>
      ) : null}
    </div>
  );
}
