import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import type { TargetImportResult } from "@cs/domain";
import { Alert, Button, Card, SelectField, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { divisionName } from "./shared";
import { fenToYuan } from "@cs/domain/shared/money";

type Target = { id: string; version: number; organizationId: string; periodKind: string; periodStart: string; divisionId: string | null; amountFen: bigint; partnerName: string };


/** New or edit target, as a modal over the list (URL-driven: works before JS loads). */
export function TargetDialog({
  target,
  partners,
  divisions,
  result,
  closeHref,
}: {
  target: Target | null;
  partners: { id: string; code: string; name: string }[];
  divisions: { id: string; code: string; nameZh: string; nameEn: string }[];
  result: ActionResult;
  closeHref: string;
}) {
  const { t, i18n } = useTranslation();
  const errors = useFieldErrors(result);
  const prior = result?.initialValue ?? {};
  const value = (key: string, fallback: string) => (typeof prior[key] === "string" ? (prior[key] as string) : fallback);
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/40 p-4">
      <dialog open aria-modal="true" aria-labelledby="target-title" className="relative w-full max-w-lg rounded-lg bg-white p-5 shadow-xl">
        <h2 id="target-title" className="text-lg font-semibold text-slate-900">
          {target ? t("channel.targets.editTitle", { name: target.partnerName }) : t("channel.targets.newTitle")}
        </h2>
        <Form method="post" className="mt-4 space-y-3">
          <CsrfInput />
          <input type="hidden" name="intent" value="save" />
          {target ? (
            <>
              <input type="hidden" name="id" value={target.id} />
              <input type="hidden" name="version" value={target.version} />
            </>
          ) : null}
          <FormAlert result={result} />
          <SelectField
            label={t("channel.fields.partner")}
            name="organizationId"
            required
            defaultValue={value("organizationId", target?.organizationId ?? "")}
            placeholder=""
            options={partners.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
            errors={errors("organizationId")}
          />
          <div className="grid gap-3 sm:grid-cols-2">
            <SelectField
              label={t("channel.period.kind")}
              name="periodKind"
              required
              defaultValue={value("periodKind", target?.periodKind ?? "quarter")}
              options={(["month", "quarter", "year"] as const).map((k) => ({ value: k, label: t(`channel.period.${k}`) }))}
              errors={errors("periodKind")}
            />
            <TextField label={t("channel.targets.columns.start")} name="periodStart" type="date" required hint={t("channel.targets.periodStartHint")} defaultValue={value("periodStart", target?.periodStart ?? "")} errors={errors("periodStart")} />
          </div>
          <SelectField
            label={t("channel.fields.division")}
            name="divisionId"
            defaultValue={value("divisionId", target?.divisionId ?? "")}
            placeholder={t("channel.fields.allDivisions")}
            options={divisions.map((d) => ({ value: d.id, label: `${d.code} ${divisionName(d, i18n.language)}` }))}
            errors={errors("divisionId")}
          />
          <TextField label={t("channel.targets.amount")} name="amount" inputMode="decimal" required defaultValue={value("amount", target ? fenToYuan(target.amountFen) : "")} errors={errors("amount")} />
          <div className="flex justify-end gap-2 pt-2">
            <Link to={closeHref} preventScrollReset className={buttonClass("ghost")}>{t("common.cancel")}</Link>
            <Button>{t("common.save")}</Button>
          </div>
        </Form>
        {target ? (
          <Form method="post" className="mt-3 border-t border-slate-100 pt-3" onSubmit={(e) => { if (!confirm(t("channel.targets.confirmDelete"))) e.preventDefault(); }}>
            <CsrfInput />
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="id" value={target.id} />
            <Button variant="secondary">{t("channel.targets.delete")}</Button>
          </Form>
        ) : null}
      </dialog>
    </div>
  );
}

/** Upload a CSV/XLSX of targets; shows what was imported or every bad row. */
export function ImportPanel({ reply }: { reply: { result: TargetImportResult | null; problem: string | null } | null }) {
  const { t } = useTranslation();
  const result = reply?.result;
  return (
    <Card title={t("channel.import.title")} className="mb-4">
      <p className="mb-3 text-sm text-slate-600">{t("channel.import.hint")}</p>
      {reply?.problem ? (
        <div className="mb-3">
          <Alert>{t(reply.problem)}</Alert>
        </div>
      ) : null}
      {result && result.ok ? (
        <div className="mb-3">
          <Alert tone="success">{t("channel.import.done", { rows: result.rows, created: result.created, updated: result.updated, unchanged: result.unchanged })}</Alert>
        </div>
      ) : null}
      {result && !result.ok ? (
        <div className="mb-3 space-y-2">
          <Alert>{t("channel.import.failed", { count: result.errors.length })}</Alert>
          <div className="relative overflow-x-auto">
            <table className="min-w-full text-sm" aria-label={t("channel.import.title")}>
              <thead className="text-left text-slate-600">
                <tr>
                  <th scope="col" className="py-1 pr-3 font-medium">{t("channel.import.row")}</th>
                  <th scope="col" className="py-1 pr-3 font-medium">{t("channel.import.column")}</th>
                  <th scope="col" className="py-1 font-medium">{t("channel.import.problem")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {result.errors.map((e, i) => (
                  <tr key={i}>
                    <td className="py-1 pr-3 tabular-nums">{e.row}</td>
                    <td className="py-1 pr-3">{t(`channel.import.columns.${e.column}`)}</td>
                    <td className="py-1 text-red-700">{t(e.message, { defaultValue: t("validation.invalid") })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      ) : null}
      <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
        <CsrfInput />
        <input type="hidden" name="intent" value="import" />
        <label className="text-sm">
          <span className="mb-1 block font-medium text-slate-700">{t("channel.import.file")}</span>
          <input type="file" name="file" accept=".csv,.xlsx" required className="block text-sm" />
        </label>
        <Button>{t("channel.import.submit")}</Button>
        <a href="/channel/targets/template?format=csv" className={buttonClass("ghost")} download>{t("channel.import.templateCsv")}</a>
        <a href="/channel/targets/template?format=xlsx" className={buttonClass("ghost")} download>{t("channel.import.templateXlsx")}</a>
      </Form>
    </Card>
  );
}
