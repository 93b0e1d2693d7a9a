import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import type { DeskOrder } from "@cs/domain";
import { Button, Card, TextAreaField, TextField, formatMoney } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { localName } from "@cs/i18n";

export type FormProps = { detail: DeskOrder; result: ActionResult; busy: boolean };

/** The action result belongs to the form that sent one of these intents. */
export function resultFor(result: ActionResult, ...intents: string[]): ActionResult {
  const intent = result?.initialValue?.intent;
  return typeof intent === "string" && intents.includes(intent) ? result : undefined;
}

export function DecisionForm({ detail, result, busy }: FormProps) {
  const { t, i18n } = useTranslation();
  const mine = resultFor(result, "approve", "reject");
  const errors = useFieldErrors(mine);
  const limit = detail.limits.approvalFen;
  return (
    <Card title={t("desk.panels.decision")}>
      <Form method="post" className="space-y-3">
        <CsrfInput />
        <FormAlert result={mine} />
        <p className="text-sm text-slate-600">
          {t("desk.hints.approveLimit", { limit: limit === null ? t("desk.hints.unlimited") : formatMoney(limit, i18n.language) })}
          {" · "}
          {t("desk.hints.rejectComment")}
        </p>
        <TextAreaField label={t("desk.fields.decisionComment")} name="comment" rows={2} maxLength={1000} errors={errors("comment")} />
        <div className="flex gap-2">
          {detail.may.approve ? (
            <Button name="intent" value="approve" disabled={busy}>
              {t("desk.actions.approve")}
            </Button>
          ) : null}
          <Button name="intent" value="reject" variant="danger" disabled={busy}>
            {t("desk.actions.reject")}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

/** Quantities and discounts of an unconfirmed order; the version makes a stale or repeated save safe. */
export function EditForm({ detail, result, busy }: FormProps) {
  const { t, i18n } = useTranslation();
  const mine = resultFor(result, "edit");
  const errors = useFieldErrors(mine);
  const zh = i18n.language === "zh-CN";
  const limit = detail.limits.discountBp;
  return (
    <Card title={t("desk.panels.edit")}>
      <Form method="post" className="space-y-3">
        <CsrfInput />
        <input type="hidden" name="version" value={detail.order.version} />
        <FormAlert result={mine} />
        <p className="text-sm text-slate-600">{t("desk.hints.edit", { limit: limit === null ? t("desk.hints.unlimited") : limit / 100 })}</p>
        <div className="space-y-2">
          {detail.lines.map((l, i) => (
            <fieldset key={l.id} className="grid items-end gap-2 sm:grid-cols-[1fr_8rem_8rem]">
              <legend className="sr-only">{l.sku}</legend>
              <input type="hidden" name={`lines.${i}.productId`} value={l.productId} />
              <p className="text-sm">
                <span className="font-mono text-xs">{l.sku}</span> {localName(zh, l.nameZh, l.nameEn)}
              </p>
              <TextField
                label={`${t("desk.fields.quantity")} ${l.sku}`}
                name={`lines.${i}.quantity`}
                inputMode="numeric"
                defaultValue={String(l.quantity)}
                errors={errors(`lines.${i}.quantity`) ?? errors(`lines.${i}.productId`)}
              />
              <TextField
                label={`${t("desk.fields.discount")} ${l.sku}`}
                name={`lines.${i}.discount`}
                inputMode="decimal"
                defaultValue={l.discountBp ? String(l.discountBp / 100) : ""}
                errors={errors(`lines.${i}.discountBp`)}
              />
            </fieldset>
          ))}
        </div>
        <TextField label={t("desk.fields.editComment")} name="comment" maxLength={1000} errors={errors("comment")} />
        <Button name="intent" value="edit" disabled={busy}>
          {t("desk.actions.saveEdit")}
        </Button>
      </Form>
    </Card>
  );
}

export function CancelForm({ result, busy }: FormProps) {
  const { t } = useTranslation();
  const mine = resultFor(result, "cancel");
  const errors = useFieldErrors(mine);
  return (
    <Card title={t("desk.panels.cancel")}>
      <Form method="post" className="space-y-3">
        <CsrfInput />
        <FormAlert result={mine} />
        <p className="text-sm text-slate-600">{t("desk.hints.cancel")}</p>
        <TextField label={t("desk.fields.cancelComment")} name="comment" maxLength={1000} errors={errors("comment")} />
        <Button name="intent" value="cancel" variant="danger" disabled={busy}>
          {t("desk.actions.cancel")}
        </Button>
      </Form>
    </Card>
  );
}

export function AllocateForm({ detail, result, busy }: FormProps) {
  const { t } = useTranslation();
  const mine = resultFor(result, "allocate");
  return (
    <Card title={t("desk.panels.allocate")}>
      <Form method="post" className="space-y-3">
        <CsrfInput />
        <FormAlert result={mine} />
        {detail.backorderedProductIds.map((id) => (
          <input key={id} type="hidden" name="productId" value={id} />
        ))}
        <p className="text-sm text-slate-600">{t("desk.hints.allocate")}</p>
        <Button name="intent" value="allocate" disabled={busy}>
          {t("desk.actions.allocate")}
        </Button>
      </Form>
    </Card>
  );
}
