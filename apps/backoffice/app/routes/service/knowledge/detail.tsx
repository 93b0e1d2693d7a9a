import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { archiveArticle, can, getArticle, nextKnowledgeStatuses, publishArticle } from "@cs/domain";
import { Alert, Button, Card, PageHeader, buttonClass, formatDateTime } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { KnowledgeStatusBadge } from "./columns";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getArticle(ctx, params.id);
  const manage = can(ctx.actor, "service:manage");
  const mayEdit = manage || (detail.article.status === "draft" && detail.article.authorId === ctx.actor.userId);
  return { detail, mayEdit, moves: manage ? nextKnowledgeStatuses(detail.article.status) : [] };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const raw = readForm(form);
  try {
    if (form.get("intent") === "publish") {
      await publishArticle(ctx, params.id, raw);
      return redirect(`/service/knowledge/${params.id}?done=published`);
    }
    if (form.get("intent") === "archive") {
      await archiveArticle(ctx, params.id, raw);
      return redirect(`/service/knowledge/${params.id}?done=archived`);
    }
    return null;
  } catch (error) {
    return actionError(error, form);
  }
});

export default function ArticlePage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { detail, mayEdit, moves } = loaderData;
  const { article } = detail;
  const zh = i18n.language === "zh-CN";
  const done = params.get("done");
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${article.number} · ${article.title}`}
        actions={
          <div className="flex gap-2">
            {mayEdit ? (
              <Link to={`/service/knowledge/${article.id}/edit`} className={buttonClass("secondary")}>
                {t("knowledge.edit")}
              </Link>
            ) : null}
            <Link to="/service/knowledge" className={buttonClass("ghost")}>
              {t("common.back")}
            </Link>
          </div>
        }
      >
        <div className="mt-1">
          <KnowledgeStatusBadge status={article.status} t={t} />
        </div>
      </PageHeader>
      {done && !actionData && ["created", "saved", "published", "archived"].includes(done) ? <Alert tone="success">{t(`knowledge.${done}`)}</Alert> : null}
      {moves.length ? (
        <Form method="post" className="flex flex-wrap items-center gap-2">
          <CsrfInput />
          <input type="hidden" name="version" value={article.version} />
          <FormAlert result={(actionData ?? undefined) as ActionResult} />
          {moves.includes("published") ? (
            <Button name="intent" value="publish" disabled={busy}>
              {article.status === "archived" ? t("knowledge.republish") : t("knowledge.publish")}
            </Button>
          ) : null}
          {moves.includes("archived") ? (
            <Button name="intent" value="archive" variant="secondary" disabled={busy}>
              {t("knowledge.archive")}
            </Button>
          ) : null}
        </Form>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="space-y-4 lg:col-span-2">
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
        </div>
        <Card title={t("knowledge.fields.applies")}>
          <dl className="space-y-3 text-sm">
            <div>
              <dt className="text-xs text-slate-500">{t("knowledge.fields.division")}</dt>
              <dd>{localName(zh, detail.divisionZh, detail.divisionEn) ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("knowledge.fields.productLines")}</dt>
              <dd>{detail.lines.length ? detail.lines.map((l) => localName(zh, l.nameZh, l.nameEn)).join("、") : "—"}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("knowledge.fields.products")}</dt>
              <dd>
                {detail.products.length ? (
                  <ul>
                    {detail.products.map((p) => (
                      <li key={p.id}>
                        <span className="font-mono text-xs">{p.sku}</span> {localName(zh, p.nameZh, p.nameEn)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  "—"
                )}
              </dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t("knowledge.fields.author")}</dt>
              <dd>{detail.authorName ?? "—"}</dd>
            </div>
            {article.publishedAt ? (
              <div>
                <dt className="text-xs text-slate-500">{t("knowledge.fields.publishedBy")}</dt>
                <dd>
                  {detail.publisherName ?? "—"} · {formatDateTime(article.publishedAt, i18n.language)}
                </dd>
              </div>
            ) : null}
            {detail.sourceRequestNumber ? (
              <div>
                <dt className="text-xs text-slate-500">{t("knowledge.fields.source")}</dt>
                <dd className="font-mono text-xs">{detail.sourceRequestNumber}</dd>
              </div>
            ) : null}
            <div>
              <dt className="text-xs text-slate-500">{t("knowledge.fields.version")}</dt>
              <dd>{article.version}</dd>
            </div>
          </dl>
        </Card>
      </div>
    </div>
  );
}
