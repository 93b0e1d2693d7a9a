import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { getArticle } from "@cs/domain";
import { Alert, Badge, Card, PageHeader, buttonClass, formatDateTime } from "@cs/ui";
import { domainCtx, notFound, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getArticle(ctx, params.id);
  // Published articles, and to a technician its own draft (the scope lets nobody else see a draft here).
  const ownDraft = detail.article.status === "draft" && detail.article.authorId === ctx.actor.userId;
  if (detail.article.status !== "published" && !ownDraft) notFound();
  return {
    article: detail.article,
    products: detail.products,
    lines: detail.lines,
    divisionZh: detail.divisionZh,
    divisionEn: detail.divisionEn,
  };
});

export default function KnowledgeArticle({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { article, products, lines } = loaderData;
  const [params] = useSearchParams();
  const done = params.get("done");
  const zh = i18n.language === "zh-CN";
  return (
    <div className="space-y-4">
      <PageHeader
        title={article.title}
        actions={
          <Link to="/knowledge" className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      >
        <p className="mt-1 text-xs text-slate-500">
          <span className="font-mono">{article.number}</span>
          {article.publishedAt ? ` · ${formatDateTime(article.publishedAt, i18n.language)}` : ""}
        </p>
        {article.status === "draft" ? (
          <div className="mt-1">
            <Badge tone="amber">{t("knowledge.statuses.draft")}</Badge> <span className="text-xs text-slate-600">{t("knowledge.draftNote")}</span>
          </div>
        ) : null}
      </PageHeader>
      {done === "draftCreated" || done === "draftExists" ? <Alert tone={done === "draftCreated" ? "success" : "info"}>{t(`knowledge.${done}`)}</Alert> : null}
      <Card title={t("knowledge.fields.symptom")}>
        <p className="whitespace-pre-wrap text-sm">{article.symptom}</p>
      </Card>
      {article.cause ? (
        <Card title={t("knowledge.fields.cause")}>
          <p className="whitespace-pre-wrap text-sm">{article.cause}</p>
        </Card>
      ) : null}
      <Card title={t("knowledge.fields.solution")}>
        <p className="whitespace-pre-wrap text-sm">{article.solution}</p>
      </Card>
      <Card title={t("knowledge.fields.applies")}>
        <p className="text-sm">
          {[
            localName(zh, loaderData.divisionZh, loaderData.divisionEn) ?? "",
            ...lines.map((l) => localName(zh, l.nameZh, l.nameEn)),
            ...products.map((p) => `${p.sku} ${localName(zh, p.nameZh, p.nameEn)}`),
          ]
            .filter(Boolean)
            .join("、") || "—"}
        </p>
      </Card>
    </div>
  );
}
