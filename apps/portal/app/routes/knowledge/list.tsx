import { useTranslation } from "@cs/i18n/react";
import { Link, useNavigation } from "react-router";
import { knowledgeFacets, knowledgeListQuery, searchArticles } from "@cs/domain";
import { Card, PageHeader, SelectField, TextField, buttonClass, formatDateTime } from "@cs/ui";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { localName } from "@cs/i18n";
import { FilterForm } from "@cs/web";

/** Stations, technicians, dealers and customers search published articles only (the portal never asks for drafts). */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = { ...knowledgeListQuery.parse(searchParamsObject(request)), status: "published" as const };
  const [page, facets] = await Promise.all([searchArticles(ctx, query), knowledgeFacets(ctx)]);
  return { page, facets, query };
});

export default function KnowledgeSearch({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const { page, facets, query: q } = loaderData;
  const zh = i18n.language === "zh-CN";
  const pages = Math.max(1, Math.ceil(page.total / page.size));
  const linkTo = (p: number) => {
    const params = new URLSearchParams();
    if (q.q) params.set("q", q.q);
    if (q.line) params.set("line", q.line);
    if (q.product) params.set("product", q.product);
    params.set("page", String(p));
    return `/knowledge?${params.toString()}`;
  };
  return (
    <div className="space-y-4">
      <PageHeader title={t("knowledge.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("knowledge.portalIntro")}</p>
      </PageHeader>
      <FilterForm resetTo="/knowledge" className="sm:grid-cols-3" submitLabel={t("common.search")}>
        <TextField label={t("common.search")} name="q" type="search" defaultValue={q.q ?? ""} placeholder={t("knowledge.searchPlaceholder")} />
        <SelectField
          label={t("knowledge.filters.line")}
          name="line"
          defaultValue={q.line ?? ""}
          placeholder={t("knowledge.allProducts")}
          options={facets.flatMap((d) => d.lines.map((l) => ({ value: l.id, label: `${localName(zh, d.nameZh, d.nameEn)} · ${localName(zh, l.nameZh, l.nameEn)}` })))}
        />
        {q.product ? <input type="hidden" name="product" value={q.product} /> : null}
      </FilterForm>
      <p className="text-sm text-slate-600" aria-live="polite">
        {t("table.rows", { count: page.total })}
      </p>
      <ul className={navigation.state === "loading" ? "space-y-3 opacity-60" : "space-y-3"} aria-label={t("knowledge.title")}>
        {page.rows.length === 0 ? <li className="text-sm text-slate-600">{t("knowledge.empty")}</li> : null}
        {page.rows.map((r) => (
          <li key={r.id}>
            <Card>
              <Link to={`/knowledge/${r.id}`} className="text-base font-medium text-blue-800 hover:underline">
                {r.title}
              </Link>
              <p className="mt-1 line-clamp-2 text-sm text-slate-700">{r.symptom}</p>
              <p className="mt-1 text-xs text-slate-500">
                <span className="font-mono">{r.number}</span>
                {r.divisionZh ? ` · ${localName(zh, r.divisionZh, r.divisionEn)}` : ""}
                {r.publishedAt ? ` · ${formatDateTime(r.publishedAt, i18n.language)}` : ""}
              </p>
            </Card>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav className="flex items-center gap-2" aria-label={t("table.pagination")}>
          {page.page > 1 ? (
            <Link to={linkTo(page.page - 1)} className={buttonClass("secondary")}>
              {t("table.previous")}
            </Link>
          ) : null}
          <span className="text-sm">{t("table.page", { page: page.page, pages })}</span>
          {page.page < pages ? (
            <Link to={linkTo(page.page + 1)} className={buttonClass("secondary")}>
              {t("table.next")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
