import type { TFunction } from "i18next";
import { Form, Link } from "react-router";
import { Button, Card } from "@cs/ui";
import { CsrfInput } from "./root";

export type RelatedArticle = { id: string; number: string; title: string };

/**
 * Published knowledge-base articles for the request's product (or its product line), linked to the
 * article (under `articleBase`: each app has its own knowledge pages), and for those who may draft one a
 * button turning the resolved request into a draft.
 */
export function RelatedKnowledge({ articles, articleBase, draftAction, busy, t }: { articles: RelatedArticle[]; articleBase: string; draftAction: string | null; busy: boolean; t: TFunction }) {
  return (
    <Card title={t("knowledge.relatedArticles")}>
      {articles.length ? (
        <ul className="divide-y divide-slate-100 text-sm" aria-label={t("knowledge.relatedArticles")}>
          {articles.map((a) => (
            <li key={a.id} className="flex gap-3 py-2">
              <span className="font-mono text-xs text-slate-500">{a.number}</span>
              <Link to={`${articleBase}/${a.id}`} className="text-blue-700 underline-offset-2 hover:underline">
                {a.title}
              </Link>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-500">{t("knowledge.noRelated")}</p>
      )}
      {draftAction ? (
        <Form method="post" action={draftAction} className="mt-3">
          <CsrfInput />
          <Button type="submit" variant="secondary" disabled={busy}>
            {t("knowledge.draftFromRequest")}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
