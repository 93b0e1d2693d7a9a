import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { Badge, Button, Card, SelectField, TextField } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { resultFor } from "./forms";

export type CreditTerms = {
  id: string;
  creditHold: boolean;
  creditHoldReason: string | null;
  backorderPolicy: "backorder" | "ship_available";
  heldOrders: number;
};

/**
 * Finance (credit:manage) puts a partner on credit hold with a reason or lifts it (which confirms
 * its held orders), and sets its backorder policy. Both states are idempotent: a repeat changes nothing.
 */
export function CreditHoldPanel({ terms, result, busy }: { terms: CreditTerms; result: ActionResult; busy: boolean }) {
  const { t } = useTranslation();
  const hold = resultFor(result, "holdOn", "holdOff");
  const policy = resultFor(result, "policy");
  const holdErrors = useFieldErrors(hold);
  const policyErrors = useFieldErrors(policy);
  return (
    <Card title={t("desk.creditPanel.title")}>
      <div className="grid gap-6 md:grid-cols-2">
        <Form method="post" className="space-y-3">
          <CsrfInput />
          <input type="hidden" name="organizationId" value={terms.id} />
          <FormAlert result={hold} />
          <p className="text-sm">
            {terms.creditHold ? <Badge tone="red">{t("desk.credit.onHold")}</Badge> : <Badge tone="green">{t("desk.creditPanel.notOnHold")}</Badge>}{" "}
            {terms.creditHoldReason}
          </p>
          {terms.heldOrders > 0 ? <p className="text-sm text-slate-600">{t("desk.creditPanel.heldOrders", { count: terms.heldOrders })}</p> : null}
          <TextField
            label={terms.creditHold ? t("desk.creditPanel.liftNote") : t("desk.creditPanel.reason")}
            name="reason"
            maxLength={500}
            required={!terms.creditHold}
            errors={holdErrors("reason")}
          />
          {terms.creditHold ? (
            <Button name="intent" value="holdOff" disabled={busy}>
              {t("desk.creditPanel.lift")}
            </Button>
          ) : (
            <Button name="intent" value="holdOn" variant="danger" disabled={busy}>
              {t("desk.creditPanel.hold")}
            </Button>
          )}
        </Form>
        <Form method="post" className="space-y-3">
          <CsrfInput />
          <input type="hidden" name="organizationId" value={terms.id} />
          <FormAlert result={policy} />
          <SelectField
            label={t("desk.creditPanel.policy")}
            name="policy"
            defaultValue={terms.backorderPolicy}
            options={(["backorder", "ship_available"] as const).map((p) => ({ value: p, label: t(`desk.creditPanel.policies.${p}`) }))}
            errors={policyErrors("policy")}
          />
          <Button name="intent" value="policy" variant="secondary" disabled={busy}>
            {t("desk.creditPanel.savePolicy")}
          </Button>
        </Form>
      </div>
    </Card>
  );
}
