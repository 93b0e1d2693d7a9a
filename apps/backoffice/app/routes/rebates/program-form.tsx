import { useTranslation } from "@cs/i18n/react";
import { Form, Link } from "react-router";
import { Button, Card, CheckboxField, FieldErrors, SelectField, TextAreaField, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { fenToYuan } from "@cs/domain/shared/money";
import { localName } from "@cs/i18n";
import type { RebateMultiplierTier, RebateTier } from "@cs/domain/shared/schema-vocabulary";

const TIER_ROWS = 5;
const MULTIPLIER_ROWS = 3;
const PARTNER_TIERS = ["strategic", "gold", "silver", "bronze"] as const;

export type ProgramValues = {
  code: string;
  name: string;
  nameEn: string | null;
  status: string;
  periodStart: string;
  periodEnd: string;
  basis: string;
  method: string;
  divisionId: string | null;
  productLineId: string | null;
  includeSubtree: boolean;
  eligibleTiers: string[];
  eligibleBranchIds: string[];
  partnerCodes: string[];
  tiers: RebateTier[];
  multiplierTiers: RebateMultiplierTier[] | null;
  capFen: bigint | null;
  version: number;
};
export type ProgramOptions = {
  divisions: { id: string; nameZh: string; nameEn: string }[];
  productLines: { id: string; code: string; nameZh: string; nameEn: string }[];
  branches: { id: string; name: string }[];
};

const pct = (bp: number | undefined) => (bp === undefined ? "" : (bp / 100).toFixed(2).replace(/\.?0+$/, ""));

/** Create or edit a program; with `locked` only name and status can change (approved statements exist). */
export function ProgramForm({ values, options, result, formKey, locked }: { values?: ProgramValues; options: ProgramOptions; result: ActionResult; formKey?: string; locked?: boolean }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  const field = useFieldErrors(result);
  const sent = result?.initialValue;
  const back = (name: string, fallback: string) => (typeof sent?.[name] === "string" ? (sent[name] as string) : fallback);
  const tierRows = Array.from({ length: TIER_ROWS }, (_, i) => values?.tiers[i]);
  const multiplierRows = Array.from({ length: MULTIPLIER_ROWS }, (_, i) => values?.multiplierTiers?.[i]);
  return (
    <Form method="post" className="space-y-4">
      <CsrfInput />
      {formKey ? <input type="hidden" name="_key" value={formKey} /> : null}
      {values ? <input type="hidden" name="version" value={values.version} /> : null}
      <FormAlert result={result} />
      <Card title={values ? t("rebatePrograms.edit") : t("rebatePrograms.new")}>
        <div className="grid gap-3 sm:grid-cols-3">
          <TextField label={t("rebatePrograms.fields.code")} name="code" required maxLength={30} defaultValue={back("code", values?.code ?? "")} errors={field("code")} />
          <TextField label={t("rebatePrograms.fields.name")} name="name" required maxLength={100} defaultValue={back("name", values?.name ?? "")} errors={field("name")} className="sm:col-span-2" />
          <TextField label={t("rebatePrograms.fields.nameEn")} name="nameEn" maxLength={100} defaultValue={back("nameEn", values?.nameEn ?? "")} errors={field("nameEn")} className="sm:col-span-2" />
          <SelectField label={t("rebatePrograms.fields.status")} name="status" defaultValue={back("status", values?.status ?? "draft")} options={(["draft", "active", "archived"] as const).map((s) => ({ value: s, label: t(`rebatePrograms.statuses.${s}`) }))} />
          <fieldset disabled={locked} className="contents">
            <TextField label={t("rebatePrograms.fields.periodStart")} name="periodStart" type="date" required defaultValue={back("periodStart", values?.periodStart ?? "")} errors={field("periodStart")} />
            <TextField label={t("rebatePrograms.fields.periodEnd")} name="periodEnd" type="date" required hint={t("rebatePrograms.fields.periodHint")} defaultValue={back("periodEnd", values?.periodEnd ?? "")} errors={field("periodEnd")} />
            <SelectField label={t("rebatePrograms.fields.basis")} name="basis" required defaultValue={back("basis", values?.basis ?? "invoiced")} errors={field("basis")} options={(["invoiced", "collected"] as const).map((b) => ({ value: b, label: t(`rebatePrograms.bases.${b}`) }))} />
            <SelectField label={t("rebatePrograms.fields.method")} name="method" required defaultValue={back("method", values?.method ?? "retroactive")} errors={field("method")} options={(["retroactive", "incremental"] as const).map((m) => ({ value: m, label: t(`rebatePrograms.methods.${m}`) }))} />
            <SelectField label={t("rebatePrograms.fields.division")} name="divisionId" defaultValue={back("divisionId", values?.divisionId ?? "")} placeholder={t("rebatePrograms.fields.anyDivision")} errors={field("divisionId")} options={options.divisions.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))} />
            <SelectField label={t("rebatePrograms.fields.productLine")} name="productLineId" defaultValue={back("productLineId", values?.productLineId ?? "")} placeholder={t("rebatePrograms.fields.anyProductLine")} errors={field("productLineId")} options={options.productLines.map((l) => ({ value: l.id, label: `${l.code} ${localName(zh, l.nameZh, l.nameEn)}` }))} />
            <TextField label={t("rebatePrograms.fields.cap")} name="cap" inputMode="decimal" hint={t("rebatePrograms.fields.capHint")} defaultValue={back("cap", values?.capFen == null ? "" : fenToYuan(values.capFen))} errors={field("cap")} />
            <div className="sm:col-span-2">
              <CheckboxField label={t("rebatePrograms.fields.includeSubtree")} name="includeSubtree" defaultChecked={values?.includeSubtree ?? false} />
              <p className="mt-1 text-xs text-slate-500">{t("rebatePrograms.fields.includeSubtreeHint")}</p>
            </div>
          </fieldset>
        </div>
      </Card>
      <fieldset disabled={locked} className="space-y-4">
        <Card title={t("rebatePrograms.fields.eligibility")}>
          <p className="mb-3 text-sm text-slate-600">{t("rebatePrograms.fields.eligibilityHint")}</p>
          <FieldErrors id="eligibility-errors" errors={field("eligibility")} />
          <div className="grid gap-4 sm:grid-cols-3">
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-700">{t("rebatePrograms.fields.eligibleTiers")}</legend>
              {PARTNER_TIERS.map((tier) => (
                <CheckboxField key={tier} label={t(`org.tiers.${tier}`)} name="eligibleTiers" value={tier} defaultChecked={values?.eligibleTiers.includes(tier) ?? false} />
              ))}
            </fieldset>
            <fieldset>
              <legend className="mb-1 text-sm font-medium text-slate-700">{t("rebatePrograms.fields.eligibleBranchIds")}</legend>
              {options.branches.map((b) => (
                <CheckboxField key={b.id} label={b.name} name="eligibleBranchIds" value={b.id} defaultChecked={values?.eligibleBranchIds.includes(b.id) ?? false} />
              ))}
            </fieldset>
            <TextAreaField label={t("rebatePrograms.fields.eligiblePartners")} name="eligiblePartners" rows={4} hint={t("rebatePrograms.fields.eligiblePartnersHint")} defaultValue={back("eligiblePartners", values?.partnerCodes.join(" ") ?? "")} errors={field("eligiblePartners")} />
          </div>
        </Card>
        <Card title={t("rebatePrograms.fields.tiers")}>
          <p className="mb-3 text-sm text-slate-600">{t("rebatePrograms.fields.tiersHint")}</p>
          <FieldErrors id="tiers-errors" errors={field("tiers")} />
          <div className="space-y-2">
            {tierRows.map((tier, i) => (
              <fieldset key={i} className="grid items-start gap-3 sm:grid-cols-3">
                <legend className="sr-only">{t("rebatePrograms.fields.tierNo", { n: i + 1 })}</legend>
                <span className="pt-7 text-sm text-slate-600" aria-hidden="true">{t("rebatePrograms.fields.tierNo", { n: i + 1 })}</span>
                <TextField label={t("rebatePrograms.fields.tierMin")} name="tierMin" inputMode="decimal" defaultValue={pct(tier?.minCompletionBp)} errors={field(`tiers.${i}.minCompletion`)} />
                <TextField label={t("rebatePrograms.fields.tierRate")} name="tierRate" inputMode="decimal" defaultValue={pct(tier?.rateBp)} errors={field(`tiers.${i}.rate`)} />
              </fieldset>
            ))}
          </div>
        </Card>
        <Card title={t("rebatePrograms.fields.multiplierTiers")}>
          <p className="mb-3 text-sm text-slate-600">{t("rebatePrograms.fields.multiplierHint")}</p>
          <FieldErrors id="multiplier-errors" errors={field("multiplierTiers")} />
          <div className="space-y-2">
            {multiplierRows.map((m, i) => (
              <fieldset key={i} className="grid gap-3 sm:grid-cols-2">
                <legend className="sr-only">{t("rebatePrograms.fields.tierNo", { n: i + 1 })}</legend>
                <TextField label={t("rebatePrograms.fields.onTimeMin")} name="onTimeMin" inputMode="decimal" defaultValue={pct(m?.minOnTimeBp)} errors={field(`multiplierTiers.${i}.minOnTime`)} />
                <TextField label={t("rebatePrograms.fields.multiplier")} name="multiplier" inputMode="decimal" defaultValue={pct(m?.multiplierBp)} errors={field(`multiplierTiers.${i}.multiplier`)} />
              </fieldset>
            ))}
          </div>
        </Card>
      </fieldset>
      <div className="flex gap-2">
        <Button>{t("common.save")}</Button>
        <Link to="/rebates" className={buttonClass("ghost")}>
          {t("common.cancel")}
        </Link>
      </div>
    </Form>
  );
}
