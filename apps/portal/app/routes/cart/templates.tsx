import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, redirect } from "react-router";
import { deleteOrderTemplate, listOrderTemplates, loadTemplateIntoCart } from "@cs/domain";
import { Alert, Button, Card, PageHeader, formatDateTime, formatNumber } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/templates";
import { CartTabs } from "./tabs";
import { hasKey } from "@cs/domain/shared/keys";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return { templates: await listOrderTemplates(ctx), formKey: randomUUID() };
});

type Done = { status: "done"; message: string; count?: number; skipped?: string[] };

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const templateId = String(form.get("templateId") ?? "");
  try {
    if (form.get("intent") === "delete") {
      await deleteOrderTemplate(ctx, { templateId });
      return { status: "done", message: "catalog.templates.deleted" } satisfies Done;
    }
    const { added, skipped } = await loadTemplateIntoCart(ctx, { templateId, _key: form.get("_key") });
    if (skipped.length === 0) return redirect(`/cart?added=${added}`);
    return { status: "done", message: "catalog.templates.loaded", count: added, skipped } satisfies Done;
  } catch (error) {
    return actionError(error, form);
  }
});

export default function Templates({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { templates, formKey } = loaderData;
  const done = actionData && hasKey(actionData, "status") && actionData.status === "done" ? (actionData as Done) : null;
  const result = (done ? null : (actionData ?? null)) as ActionResult;
  return (
    <>
      <PageHeader title={t("catalog.templates.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("catalog.templates.intro")}</p>
      </PageHeader>
      <CartTabs />
      <div className="space-y-4">
        <FormAlert result={result} />
        {done ? (
          <Alert tone="success">
            {t(done.message, { count: done.count ?? 0 })}
            {done.skipped?.length ? <span className="block">{t("catalog.templates.skipped", { skus: done.skipped.join("、") })}</span> : null}
          </Alert>
        ) : null}
        {templates.length === 0 ? (
          <Card>
            <p className="text-sm text-slate-600">{t("catalog.templates.empty")}</p>
          </Card>
        ) : (
          <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("catalog.templates.title")}</caption>
              <thead className="bg-slate-50 text-left text-xs font-medium text-slate-600">
                <tr>
                  <th scope="col" className="px-3 py-2">{t("catalog.templates.columns.name")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("catalog.templates.columns.lines")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("catalog.templates.columns.units")}</th>
                  <th scope="col" className="px-3 py-2">{t("catalog.templates.columns.updatedAt")}</th>
                  <th scope="col" className="px-3 py-2 text-right">{t("catalog.templates.columns.actions")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {templates.map((tpl) => (
                  <tr key={tpl.id}>
                    <td className="px-3 py-2">{tpl.name}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(tpl.lines, i18n.language)}</td>
                    <td className="px-3 py-2 text-right tabular-nums">{formatNumber(tpl.units, i18n.language)}</td>
                    <td className="px-3 py-2">{formatDateTime(tpl.updatedAt, i18n.language)}</td>
                    <td className="px-3 py-2">
                      <div className="flex justify-end gap-2">
                        <Form method="post">
                          <CsrfInput />
                          <input type="hidden" name="_key" value={`${formKey}-${tpl.id.slice(0, 8)}`} />
                          <input type="hidden" name="templateId" value={tpl.id} />
                          <Button variant="secondary" className="px-2 py-1 text-xs" aria-label={t("catalog.templates.loadOf", { name: tpl.name })}>
                            {t("catalog.templates.load")}
                          </Button>
                        </Form>
                        <Form method="post">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="delete" />
                          <input type="hidden" name="templateId" value={tpl.id} />
                          <Button variant="danger" className="px-2 py-1 text-xs" aria-label={t("catalog.templates.deleteOf", { name: tpl.name })}>
                            {t("catalog.templates.delete")}
                          </Button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </div>
    </>
  );
}
