import { useTranslation } from "@cs/i18n/react";
import { useSearchParams } from "react-router";
import { getDealRegistration, shanghaiToday } from "@cs/domain";
import { Alert } from "@cs/ui";
import { DealFacts, DealHeader, DealLines } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";

/** The partner's own registration (another partner's id is not found) with its special prices. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { detail: await getDealRegistration(domainCtx(context, request), params.id), today: shanghaiToday() };
});

export default function DealRegistrationPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const { detail, today } = loaderData;
  return (
    <div className="space-y-4">
      <DealHeader detail={detail} today={today} backTo="/deals" />
      {search.get("done") === "submitted" ? <Alert tone="success">{t("deals.submitted")}</Alert> : null}
      <DealFacts detail={detail} staff={false} />
      <DealLines detail={detail} />
    </div>
  );
}
