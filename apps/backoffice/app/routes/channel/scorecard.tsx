import { useTranslation } from "@cs/i18n/react";
import { useSearchParams } from "react-router";
import { channelFilterOptions, partnerScorecard, recentPeriods, scorecardQuery } from "@cs/domain";
import { PageHeader, TextField, buttonClass } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/scorecard";
import { scorecardColumns } from "./columns";
import { PeriodFields, ScopeFields, periodLabel } from "./shared";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = scorecardQuery.parse(searchParamsObject(request));
  const [page, options] = await Promise.all([partnerScorecard(ctx, query), channelFilterOptions(ctx)]);
  const starts = recentPeriods(query.periodKind, query.periodKind === "month" ? 24 : query.periodKind === "quarter" ? 8 : 5);
  if (!starts.includes(query.periodStart)) starts.push(query.periodStart);
  return { page, query, options, starts };
});

export default function Scorecard({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const { page, query, options, starts } = loaderData;
  const exportQuery = new URLSearchParams(params);
  exportQuery.delete("format");
  const title = `${t("channel.tabs.scorecard")} · ${periodLabel(t, query.periodKind, query.periodStart)}`;
  return (
    <>
      <PageHeader
        title={title}
        actions={
          <>
            <a href={`/channel/scorecard/export?${exportQuery.toString()}&format=csv`} className={buttonClass("secondary")} download>
              {t("channel.scorecard.exportCsv")}
            </a>
            <a href={`/channel/scorecard/export?${exportQuery.toString()}&format=xlsx`} className={buttonClass("secondary")} download>
              {t("channel.scorecard.exportXlsx")}
            </a>
          </>
        }
      >
        <p className="mt-1 text-sm text-slate-600">{t("channel.scorecard.intro")}</p>
      </PageHeader>
      <FilterForm resetTo="/channel/scorecard" sort={query.sort} dir={query.dir} size={query.size} columns={4}>
        <PeriodFields kind={query.periodKind} start={query.periodStart} starts={starts} />
        <ScopeFields options={options} branchId={query.branchId} tier={query.tier} divisionId={query.divisionId} />
        <TextField label={t("channel.fields.search")} name="q" type="search" defaultValue={query.q ?? ""} />
      </FilterForm>
      <PagedTable caption={title} columns={scorecardColumns(t, i18n.language)} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}
