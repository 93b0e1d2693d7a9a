import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { budgetCategories } from "@cs/domain/shared/schema-vocabulary";
import { Badge, Button, Card, Money, SelectField, TextField, formatDate } from "@cs/ui";
import { CsrfInput, FormKeys } from "@cs/web";

type Spend = {
  id: string;
  category: (typeof budgetCategories)[number];
  amountFen: bigint;
  spentOn: string;
  note: string | null;
  status: "counted" | "pending" | "rejected";
  decisionReason: string | null;
  createdBy: string | null;
};

const tones = { counted: "green", pending: "amber", rejected: "slate" } as const;

/**
 * A campaign's spend: the entry form while it may be spent, the entries with their state, and for
 * an approver the decision on entries past the approved budget (never on their own).
 */
export function CampaignSpends(props: {
  spends: Spend[];
  mayEnter: boolean;
  mayDecide: boolean;
  me: string;
  formKey: string;
  today: string;
  busy: boolean;
  field: (name: string) => string[] | null | undefined;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { spends, field, busy } = props;
  return (
    <Card title={t("marketing.campaigns.spends.title")}>
      {props.mayEnter ? (
        <Form method="post" className="mb-4 grid gap-3 sm:grid-cols-5">
          <FormKeys formKey={props.formKey} />
          <SelectField label={t("marketing.campaigns.spends.category")} name="category" required defaultValue="" errors={field("category")} options={budgetCategories.map((k) => ({ value: k, label: t(`marketing.categories.${k}`) }))} />
          <TextField label={t("marketing.campaigns.spends.amount")} name="amount" inputMode="decimal" required errors={field("amount")} />
          <TextField label={t("marketing.campaigns.spends.spentOn")} name="spentOn" type="date" required defaultValue={props.today} errors={field("spentOn")} />
          <TextField label={t("marketing.campaigns.spends.note")} name="note" maxLength={500} errors={field("note")} />
          <div className="flex items-end">
            <Button name="intent" value="spend" disabled={busy}>
              {t("marketing.campaigns.spends.submit")}
            </Button>
          </div>
        </Form>
      ) : null}
      {spends.length === 0 ? (
        <p className="text-sm text-slate-600">{t("marketing.campaigns.spends.empty")}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="w-full text-sm">
            <caption className="sr-only">{t("marketing.campaigns.spends.title")}</caption>
            <thead>
              <tr className="text-left text-slate-600">
                <th scope="col" className="py-1">{t("marketing.campaigns.spends.columns.spentOn")}</th>
                <th scope="col" className="py-1">{t("marketing.campaigns.spends.columns.category")}</th>
                <th scope="col" className="py-1 text-right">{t("marketing.campaigns.spends.columns.amount")}</th>
                <th scope="col" className="py-1 pl-4">{t("marketing.campaigns.spends.columns.note")}</th>
                <th scope="col" className="py-1 pl-4">{t("marketing.campaigns.spends.columns.status")}</th>
              </tr>
            </thead>
            <tbody>
              {spends.map((s) => (
                <tr key={s.id} className="border-t border-slate-100 align-top">
                  <td className="py-1">{formatDate(s.spentOn, locale)}</td>
                  <td className="py-1">{t(`marketing.categories.${s.category}`)}</td>
                  <td className="py-1 text-right tabular-nums">
                    <Money fen={s.amountFen} locale={locale} />
                  </td>
                  <td className="py-1 pl-4">{s.note ?? "—"}</td>
                  <td className="py-1 pl-4">
                    <Badge tone={tones[s.status]}>{t(`marketing.campaigns.spends.statuses.${s.status}`)}</Badge>
                    {s.decisionReason ? <p className="mt-1 text-slate-600">{s.decisionReason}</p> : null}
                    {props.mayDecide && s.status === "pending" && s.createdBy !== props.me ? (
                      <Form method="post" className="mt-2 flex flex-wrap items-end gap-2">
                        <CsrfInput />
                        <input type="hidden" name="spendId" value={s.id} />
                        <TextField label={t("marketing.campaigns.spends.reason")} name="reason" maxLength={500} errors={field("reason")} />
                        <Button name="decision" value="approve" disabled={busy}>
                          {t("marketing.campaigns.spends.approve")}
                        </Button>
                        <Button name="decision" value="reject" variant="secondary" disabled={busy}>
                          {t("marketing.campaigns.spends.reject")}
                        </Button>
                        <input type="hidden" name="intent" value="decideSpend" />
                      </Form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
