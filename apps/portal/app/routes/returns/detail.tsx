import { useTranslation } from "@cs/i18n/react";
import { useSearchParams } from "react-router";
import { getReturn } from "@cs/domain";
import { Alert } from "@cs/ui";
import { ReturnFacts, ReturnHeader, ReturnLines } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { detail: await getReturn(domainCtx(context, request), params.id) };
});

export default function ReturnPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { detail } = loaderData;
  return (
    <div className="space-y-4">
      <ReturnHeader detail={detail} />
      {params.get("done") === "requested" ? <Alert tone="success">{t("returns.requested")}</Alert> : null}
      <ReturnFacts detail={detail} />
      <ReturnLines detail={detail} />
    </div>
  );
}
