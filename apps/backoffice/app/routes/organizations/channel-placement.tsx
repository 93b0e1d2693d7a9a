import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { Button, Card, SelectField, TextField, formatDate } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";

type History = { id: string; parentName: string | null; validFrom: string; validTo: string | null };

export function ChannelPlacement({
  parent,
  history,
  candidates,
  canMove,
  result,
}: {
  parent: { id: string; name: string } | null;
  history: History[];
  candidates: { id: string; name: string; code: string; kind: string }[];
  canMove: boolean;
  result: ActionResult;
}) {
  const { t, i18n } = useTranslation();
  const errors = useFieldErrors(result);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  return (
    <Card title={t("org.channel.title")}>
      <p className="text-sm">
        <span className="text-slate-500">{t("org.fields.parent")}：</span>
        {parent ? parent.name : t("org.noParent")}
      </p>
      {history.length ? (
        <div className="relative overflow-x-auto">
          <table className="mt-3 min-w-full text-sm">
            <caption className="mb-1 text-left font-medium text-slate-700">{t("org.channel.history")}</caption>
            <thead>
              <tr className="text-left text-slate-600">
                <th scope="col" className="py-1 pr-3 font-medium">{t("org.fields.parent")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t("org.channel.from")}</th>
                <th scope="col" className="py-1 font-medium">{t("org.channel.to")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {history.map((h) => (
                <tr key={h.id}>
                  <td className="py-1 pr-3">{h.parentName ?? t("org.noParent")}</td>
                  <td className="py-1 pr-3">{formatDate(h.validFrom, i18n.language)}</td>
                  <td className="py-1">{h.validTo ? formatDate(h.validTo, i18n.language) : t("org.channel.current")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canMove ? (
        <Form method="post" className="mt-4 grid items-end gap-3 border-t border-slate-100 pt-3 sm:grid-cols-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="move" />
          <div className="sm:col-span-3">
            <FormAlert result={result} />
          </div>
          <SelectField
            label={t("org.channel.newParent")}
            name="parentId"
            defaultValue=""
            placeholder={t("org.noParent")}
            options={candidates.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
            errors={errors("parentId")}
          />
          <TextField label={t("org.channel.effectiveDate")} name="effectiveDate" type="date" required defaultValue={today} errors={errors("effectiveDate")} />
          <Button variant="secondary">{t("org.channel.move")}</Button>
        </Form>
      ) : null}
    </Card>
  );
}
