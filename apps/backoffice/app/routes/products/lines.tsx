import { useTranslation } from "@cs/i18n/react";
import { localName } from "@cs/i18n";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { listProductLineFloors, setMarginFloor } from "@cs/domain";
import { Alert, Button, Card, PageHeader, TextField, buttonClass, formatPercentBp } from "@cs/ui";
import { CsrfInput, useFieldErrors, type ActionResult } from "@cs/web";
import { domainCtx, guarded, submitForm } from "@cs/web/server";
import type { Route } from "./+types/lines";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return { lines: await listProductLineFloors(domainCtx(context, request)) };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  return submitForm(request, async (fields) => {
    const saved = await setMarginFloor(domainCtx(context, request), fields);
    return redirect(`/products/lines?done=${saved.id}`);
  });
});

/** The product lines' margin floors: below its line's floor, an order line of ours waits for approval. */
export default function ProductLineFloors({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const zh = i18n.language === "zh-CN";
  const result = (actionData ?? null) as ActionResult;
  const failedId = typeof result?.initialValue?.productLineId === "string" ? result.initialValue.productLineId : null;
  const errors = useFieldErrors(result);
  const done = params.get("done");
  const percent = (bp: number) => formatPercentBp(bp, i18n.language, 2);
  return (
    <>
      <PageHeader
        title={t("product.floors.title")}
        actions={
          <Link to="/products" className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      />
      <p className="mb-4 text-sm text-slate-600">{t("product.floors.intro")}</p>
      {done && !actionData ? (
        <div className="mb-4">
          <Alert tone="success">{t("product.floors.saved")}</Alert>
        </div>
      ) : null}
      <Card title={t("product.floors.lines")}>
        <ul className="divide-y divide-slate-100">
          {loaderData.lines.map((l) => {
            const failed = failedId === l.id;
            const typed = failed && typeof result?.initialValue?.marginFloorBp === "string" ? result.initialValue.marginFloorBp : null;
            return (
              <li key={l.id} className="py-3">
                <Form method="post" className="grid items-end gap-3 sm:grid-cols-[1fr_14rem_auto]" aria-label={localName(zh, l.nameZh, l.nameEn)}>
                  <CsrfInput />
                  <input type="hidden" name="productLineId" value={l.id} />
                  <div>
                    <div className="font-medium">{localName(zh, l.nameZh, l.nameEn)}</div>
                    <div className="text-xs text-slate-500">
                      {localName(zh, l.divisionZh, l.divisionEn)} · <span className="font-mono">{l.code}</span> ·{" "}
                      {l.marginFloorBp === null ? t("product.floors.none") : t("product.floors.current", { percent: percent(l.marginFloorBp) })}
                    </div>
                  </div>
                  <TextField
                    label={t("product.floors.field")}
                    name="marginFloorBp"
                    inputMode="numeric"
                    hint={t("product.floors.hint")}
                    defaultValue={typed ?? (l.marginFloorBp === null ? "" : String(l.marginFloorBp))}
                    errors={failed ? errors("marginFloorBp") : null}
                  />
                  <Button type="submit" variant="secondary" disabled={navigation.state === "submitting"}>
                    {t("product.floors.save")}
                  </Button>
                </Form>
              </li>
            );
          })}
        </ul>
      </Card>
    </>
  );
}
