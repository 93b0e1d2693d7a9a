import { useTranslation } from "@cs/i18n/react";
import { getRedLetter } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import { RedLetterFacts, RedLetterStatusBadge } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/red-letter";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { detail: await getRedLetter(domainCtx(context, request), params.id) };
});

/** One red-letter request as finance follows it: only the buyer confirms or rejects it, in the portal. */
export default function RedLetter({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const r = loaderData.detail.request;
  return (
    <>
      <PageHeader title={t("invoicing.redLetter.detailTitle", { number: r.number })}>
        <p className="mt-1">
          <RedLetterStatusBadge status={r.status} />
        </p>
      </PageHeader>
      <RedLetterFacts detail={loaderData.detail} />
    </>
  );
}
