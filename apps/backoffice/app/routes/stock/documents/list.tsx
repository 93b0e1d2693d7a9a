import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { z } from "zod";
import { can, documentListQuery, listDocuments } from "@cs/domain";
import { PageHeader, SelectField, TextField, buttonClass, cn } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { documentColumns } from "./columns";
import { creatableKinds, documentKinds, statusesOf } from "./kinds";

/** Paperwork reads newest first unless the user sorts otherwise. */
const query = documentListQuery.extend({ dir: z.enum(["asc", "desc"]).catch("desc") });

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const q = query.parse(searchParamsObject(request));
  const mayCreate = creatableKinds.filter((k) => can(ctx.actor, k === "stocktake" ? "stock:count" : "stock:move"));
  return { page: await listDocuments(ctx, q), query: q, mayCreate };
});

export default function StockDocuments({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { page, query: q, mayCreate } = loaderData;
  const creatable = q.kind ? mayCreate.filter((k) => k === q.kind) : mayCreate;
  const kindLink = (kind?: string) => (kind ? `/stock/documents?kind=${kind}` : "/stock/documents");
  return (
    <>
      <PageHeader
        title={q.kind ? t(`stock.documents.kinds.${q.kind}`) : t("stock.tabs.documents")}
        actions={creatable.map((k) => (
          <Link key={k} to={`/stock/documents/new/${k}`} className={buttonClass(creatable.length === 1 ? "primary" : "secondary")}>
            {t(`stock.documents.new.${k}`)}
          </Link>
        ))}
      />
      <div className="mb-4 flex flex-wrap gap-1" role="group" aria-label={t("stock.documents.fields.kind")}>
        {[undefined, ...documentKinds].map((kind) => (
          <Link
            key={kind ?? "all"}
            to={kindLink(kind)}
            aria-current={q.kind === kind ? "page" : undefined}
            className={cn("rounded-full px-3 py-1 text-sm ring-1", q.kind === kind ? "bg-blue-700 text-white ring-blue-700" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50")}
          >
            {kind ? t(`stock.documents.kinds.${kind}`) : t("stock.documents.all")}
          </Link>
        ))}
      </div>
      <FilterForm resetTo={kindLink(q.kind)} sort={q.sort} dir={q.dir} size={q.size} columns={4}>
        {q.kind ? <input type="hidden" name="kind" value={q.kind} /> : null}
        <TextField label={t("common.search")} name="q" type="search" defaultValue={q.q ?? ""} placeholder={t("stock.documents.searchPlaceholder")} />
        <SelectField
          label={t("stock.documents.fields.status")}
          name="status"
          defaultValue={q.status ?? ""}
          placeholder={t("common.all")}
          options={statusesOf(q.kind).map((s) => ({ value: s, label: t(`stock.documents.statuses.${s}`) }))}
        />
      </FilterForm>
      <PagedTable caption={t("stock.tabs.documents")} columns={documentColumns(t, i18n.language)} page={page} query={q} getRowId={(r) => r.id} />
    </>
  );
}
