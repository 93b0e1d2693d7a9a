import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, useNavigation, useSearchParams } from "react-router";
import { can, getReturn, listReturnDestinations } from "@cs/domain";
import { Alert, Button, Card, CheckboxField, SelectField, TextAreaField } from "@cs/ui";
import { CsrfInput, FormAlert, ReturnFacts, ReturnHeader, ReturnLines, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { runReturnAction } from "./actions.server";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getReturn(ctx, params.id);
  const mayReceive = detail.ret.status === "approved" && can(ctx.actor, "stock:move");
  return {
    detail,
    mayDecide: detail.ret.status === "requested" && can(ctx.actor, "return:approve"),
    destinations: mayReceive ? await listReturnDestinations(ctx) : [],
    mayReceive,
    formKey: randomUUID(),
  };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  return runReturnAction(domainCtx(context, request), params.id, await request.formData());
});

export default function ReturnPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const { detail, mayDecide, mayReceive, destinations, formKey } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const errors = useFieldErrors(result);
  const done = params.get("done");
  const zh = i18n.language === "zh-CN";
  return (
    <div className="space-y-4">
      <ReturnHeader detail={detail} />
      {done && !actionData && ["approved", "rejected", "received"].includes(done) ? <Alert tone="success">{t(`returns.${done}`)}</Alert> : null}
      <ReturnFacts detail={detail} />
      {mayDecide ? (
        <Card title={t("returns.decision")}>
          <Form method="post" className="space-y-3">
            <CsrfInput />
            <FormAlert result={result} />
            <TextAreaField label={t("returns.comment")} name="comment" rows={2} maxLength={1000} hint={t("returns.commentHint")} errors={errors("comment")} />
            <div className="flex gap-2">
              <Button name="intent" value="approve" disabled={busy}>
                {t("returns.approve")}
              </Button>
              <Button name="intent" value="reject" variant="danger" disabled={busy}>
                {t("returns.reject")}
              </Button>
            </div>
          </Form>
        </Card>
      ) : null}
      {mayReceive ? (
        <Card title={t("returns.receiveTitle")}>
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <FormKeys formKey={formKey} />
            <div className="empty:hidden sm:col-span-3">
              <FormAlert result={result} />
            </div>
            <SelectField
              label={t("returns.location")}
              name="locationId"
              required
              placeholder="—"
              options={destinations.map((d) => ({ value: d.id, label: `${d.code} ${localName(zh, d.nameZh, d.nameEn)}${d.kind === "quarantine" ? ` · ${t("returns.quarantine")}` : ""}` }))}
              errors={errors("locationId")}
            />
            <div className="flex items-end">
              <CheckboxField label={t("returns.toQuarantine")} name="toQuarantine" />
            </div>
            <div className="flex items-end">
              <Button name="intent" value="receive" disabled={busy}>
                {t("returns.receive")}
              </Button>
            </div>
          </Form>
        </Card>
      ) : null}
      <ReturnLines detail={detail} />
    </div>
  );
}
