import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { getReturn } from "@cs/domain";
import { Alert, PageHeader, buttonClass } from "@cs/ui";
import { ReturnFacts, ReturnLines, ReturnStatusBadge } from "@cs/web";
import { domainCtx, loaderError, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    return { detail: await getReturn(domainCtx(context, request), params.id) };
  } catch (error) {
    loaderError(error);
  }
});

export default function ReturnPage({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { detail } = loaderData;
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("returns.detail", { number: detail.ret.number })}
        actions={
          <Link to="/returns" className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      >
        <div className="mt-1">
          <ReturnStatusBadge status={detail.ret.status} />
        </div>
      </PageHeader>
      {params.get("done") === "requested" ? <Alert tone="success">{t("returns.requested")}</Alert> : null}
      <ReturnFacts detail={detail} />
      <ReturnLines detail={detail} />
    </div>
  );
}
