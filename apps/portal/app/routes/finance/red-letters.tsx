import { useTranslation } from "@cs/i18n/react";
import { listRedLetters, redLetterListQuery } from "@cs/domain";
import { Card, PageHeader } from "@cs/ui";
import { RedLetterList } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/red-letters";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const page = await listRedLetters(ctx, redLetterListQuery.parse(searchParamsObject(request)));
  return { rows: page.rows };
});

/** The partner's red-letter requests (红字确认单): which wait for its confirmation, which it confirmed or rejected. */
export default function MyRedLetters({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("invoicing.redLetter.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("invoicing.redLetter.hint")}</p>
      </PageHeader>
      <Card>
        <RedLetterList rows={loaderData.rows} showPartner={false} />
      </Card>
    </>
  );
}
