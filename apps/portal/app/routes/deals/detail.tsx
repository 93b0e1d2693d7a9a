import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { getDealRegistration, shanghaiToday } from "@cs/domain";
import { Alert, PageHeader, buttonClass } from "@cs/ui";
import { DealFacts, DealLines, DealStatusBadge } from "@cs/web";
import { domainCtx, loaderError, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";

/** The partner's own registration (another partner's id is not found) with its special prices. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    return { detail: await getDealRegistration(domainCtx(context, request), params.id), today: shanghaiToday() };
  } catch (error) {
    loaderError(error);
  }
});

export default function DealRegistrationPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const { detail, today } = loaderData;
  const r = detail.registration;
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${t("deals.title")} ${r.number}`}
        actions={
          <Link to="/deals" className={buttonClass("ghost")}>
            {t("deals.back")}
          </Link>
        }
      >
        <div className="mt-1">
          <DealStatusBadge status={r.status} protectedUntil={r.protectedUntil} today={today} />
        </div>
      </PageHeader>
      {search.get("done") === "submitted" ? <Alert tone="success">{t("deals.submitted")}</Alert> : null}
      <DealFacts detail={detail} staff={false} />
      <DealLines detail={detail} />
    </div>
  );
}
