import { useTranslation } from "@cs/i18n/react";
import { listRedLetters, redLetterListQuery } from "@cs/domain";
import { Card, PageHeader, SelectField, TextField } from "@cs/ui";
import { FilterForm, RedLetterList } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/red-letters";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = redLetterListQuery.parse(searchParamsObject(request));
  return { page: await listRedLetters(ctx, query), query };
});

/** Red-letter requests of the user's branches and what the buyers decided. */
export default function RedLetters({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { page, query } = loaderData;
  return (
    <>
      <PageHeader title={t("invoicing.redLetter.title")} />
      <FilterForm resetTo="/finance/red-letters" sort={query.sort} dir={query.dir} size={query.size} columns={3}>
        <TextField label={t("billing.fields.search")} name="q" type="search" defaultValue={query.q ?? ""} />
        <SelectField
          label={t("invoicing.redLetter.columns.status")}
          name="status"
          defaultValue={query.status}
          options={(["all", "pending", "confirmed", "rejected"] as const).map((s) => ({ value: s, label: t(`invoicing.redLetter.status.${s}`) }))}
        />
      </FilterForm>
      <Card>
        <RedLetterList rows={page.rows} showPartner />
      </Card>
    </>
  );
}
