import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, createIssue, createReceipt, createTransfer, issueReasons, listCatalogueTree, listLocationOptions, openStocktake, parseLineText } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { actionError, domainCtx, notFound, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/new";
import { CreateDocumentForm } from "./create-form";
import { isCreatable } from "./kinds";
import { hasKey } from "@cs/domain/shared/keys";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const kind = params.kind;
  if (!isCreatable(kind)) notFound();
  authorize(ctx.actor, kind === "stocktake" ? "stock:count" : "stock:move");
  const [warehouses, countable, tree] = await Promise.all([
    listLocationOptions(ctx, ["warehouse"]),
    kind === "stocktake" ? listLocationOptions(ctx, ["warehouse", "station_parts", "partner_consignment"]) : Promise.resolve([]),
    kind === "stocktake" ? listCatalogueTree(ctx) : Promise.resolve([]),
  ]);
  const lines = tree.flatMap((d) => d.lines.map((l) => ({ id: l.id, nameZh: `${d.nameZh} / ${l.nameZh}`, nameEn: `${d.nameEn} / ${l.nameEn}` })));
  return { kind, warehouses, countable, lines, issueReasons: [...issueReasons], formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const kind = params.kind;
  if (!isCreatable(kind)) notFound();
  const form = await request.formData();
  // "SKU qty [serials]" lines become the rows the domain validates (and numbers its errors by).
  const raw = { ...readForm(form), lines: parseLineText(String(form.get("lines") ?? "")) };
  try {
    const created =
      kind === "receipt"
        ? await createReceipt(ctx, raw)
        : kind === "transfer"
          ? await createTransfer(ctx, raw)
          : kind === "issue"
            ? await createIssue(ctx, raw)
            : await openStocktake(ctx, raw);
    const waiting = hasKey(created, "status") && created.status === "pending_approval";
    return redirect(`/stock/documents/${created.id}?done=${waiting ? "pending_approval" : "created"}`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function NewDocument({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`stock.documents.new.${loaderData.kind}`)} />
      <CreateDocumentForm {...loaderData} result={actionData as ActionResult} />
    </>
  );
}
