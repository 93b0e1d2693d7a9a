import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useNavigation } from "react-router";
import type { knowledgeFacets } from "@cs/domain";
import type { KnowledgeArticle } from "@cs/domain/shared/schema-vocabulary";
import { Button, Card, SelectField, TextAreaField, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { localName } from "@cs/i18n";

type Facets = Awaited<ReturnType<typeof knowledgeFacets>>;

/** Create and edit share one form; the domain validates and answers with translation keys per field. */
export function ArticleForm({
  article,
  skus,
  facets,
  result,
  formKey,
  cancelTo,
}: {
  article?: KnowledgeArticle;
  skus?: string;
  facets: Facets;
  result: ActionResult;
  formKey?: string;
  cancelTo: string;
}) {
  const { t, i18n } = useTranslation();
  const errors = useFieldErrors(result);
  const busy = useNavigation().state === "submitting";
  const zh = i18n.language === "zh-CN";
  const posted = result?.status === "error" ? (result.initialValue ?? {}) : {};
  const dv = (name: string, fallback: string | undefined) => (typeof posted[name] === "string" ? (posted[name] as string) : (fallback ?? ""));
  return (
    <Form method="post" className="space-y-4">
      <CsrfInput />
      {formKey ? <input type="hidden" name="_key" value={formKey} /> : null}
      {article ? <input type="hidden" name="version" value={article.version} /> : null}
      <FormAlert result={result} />
      <Card>
        <div className="grid gap-4">
          <TextField label={t("knowledge.fields.title")} name="title" required maxLength={120} defaultValue={dv("title", article?.title)} errors={errors("title")} />
          <TextAreaField label={t("knowledge.fields.symptom")} name="symptom" required rows={3} maxLength={2000} defaultValue={dv("symptom", article?.symptom)} errors={errors("symptom")} />
          <TextAreaField label={t("knowledge.fields.cause")} name="cause" rows={2} maxLength={2000} defaultValue={dv("cause", article?.cause)} errors={errors("cause")} />
          <TextAreaField label={t("knowledge.fields.solution")} name="solution" required rows={6} maxLength={5000} defaultValue={dv("solution", article?.solution)} errors={errors("solution")} />
        </div>
      </Card>
      <Card title={t("knowledge.fields.applies")}>
        <div className="grid gap-4 sm:grid-cols-3">
          <TextAreaField
            label={t("knowledge.fields.products")}
            name="products"
            rows={4}
            hint={t("knowledge.fields.productsHint")}
            defaultValue={dv("products", skus)}
            errors={errors("products")}
          />
          <SelectField
            label={t("knowledge.fields.productLines")}
            name="productLineIds"
            multiple
            size={6}
            defaultValue={article?.productLineIds ?? []}
            options={facets.flatMap((d) => d.lines.map((l) => ({ value: l.id, label: `${localName(zh, d.nameZh, d.nameEn)} · ${localName(zh, l.nameZh, l.nameEn)}` })))}
            errors={errors("productLineIds")}
          />
          <SelectField
            label={t("knowledge.fields.division")}
            name="divisionId"
            placeholder="—"
            defaultValue={dv("divisionId", article?.divisionId ?? "")}
            options={facets.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))}
            errors={errors("divisionId")}
          />
        </div>
      </Card>
      <div className="flex gap-2">
        <Button disabled={busy}>{t("common.save")}</Button>
        <Link to={cancelTo} className={buttonClass("ghost")}>
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
