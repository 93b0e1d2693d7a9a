import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { knowledgeFacets, knowledgeListQuery, mayDraftKnowledge, searchArticles } from "@cs/domain";
import { PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { knowledgeColumns } from "./columns";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = knowledgeListQuery.parse(searchParamsObject(request));
  const [page, facets] = await Promise.all([searchArticles(ctx, query), knowledgeFacets(ctx)]);
  return { page, facets, query, mayCreate: mayDraftKnowledge(ctx.actor) };
});

/** The desk's knowledge base: every status, Chinese substring search, filters by status, line and division. */
export default function KnowledgeList({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, facets, query: q, mayCreate } = loaderData;
  const zh = i18n.language === "zh-CN";
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("knowledge.title")}
        actions={
          mayCreate ? (
            <Link to="/service/knowledge/new" className={buttonClass()}>
              {t("knowledge.newArticle")}
            </Link>
          ) : null
        }
      >
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("knowledge.intro")}</p>
      </PageHeader>
      <FilterForm resetTo="/service/knowledge" sort={q.sort} dir={q.dir} size={q.size} columns={5}>
        <TextField label={t("common.search")} name="q" type="search" defaultValue={q.q ?? ""} placeholder={t("knowledge.searchPlaceholder")} />
        <SelectField
          label={t("knowledge.filters.status")}
          name="status"
          defaultValue={q.status ?? ""}
          placeholder={t("common.all")}
          options={(["draft", "published", "archived"] as const).map((s) => ({ value: s, label: t(`knowledge.statuses.${s}`) }))}
        />
        <SelectField
          label={t("knowledge.filters.division")}
          name="division"
          defaultValue={q.division ?? ""}
          placeholder={t("common.all")}
          options={facets.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))}
        />
        <SelectField
          label={t("knowledge.filters.line")}
          name="line"
          defaultValue={q.line ?? ""}
          placeholder={t("common.all")}
          options={facets.flatMap((d) => d.lines.map((l) => ({ value: l.id, label: `${localName(zh, d.nameZh, d.nameEn)} · ${localName(zh, l.nameZh, l.nameEn)}` })))}
        />
      </FilterForm>
      <PagedTable caption={t("knowledge.title")} columns={knowledgeColumns(t, i18n.language)} page={page} query={q} getRowId={(r) => r.id} />
    </div>
  );
}
