import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import type { ShareRow } from "@cs/domain";
import { Badge, Button, Card, SelectField, TextField, formatDateTime } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult } from "@cs/web";

type Targets = { users: { id: string; name: string }[]; branches: { id: string; name: string }[]; divisions: { id: string; nameZh: string; nameEn: string }[] };

/**
 * Explicit shares of an account (docs/decisions/029): with a colleague, a branch or a division, to
 * read or edit, until a day; each can be ended. The form is for those who may edit the account.
 */
export function SharePanel({ shares, targets, canShare, today, formKey, result }: { shares: ShareRow[]; targets: Targets; canShare: boolean; today: string; formKey: string; result: ActionResult }) {
  const { t, i18n } = useTranslation();
  const errs = (name: string) => result?.error[name]?.map((k) => t(k)) ?? null;
  const value = (name: string, fallback = "") => {
    const v = result?.initialValue?.[name];
    return typeof v === "string" ? v : fallback;
  };
  const en = i18n.language === "en";
  const granteeOptions = [
    ...targets.users.map((u) => ({ value: `user:${u.id}`, label: t("relations.share.toUser", { name: u.name }) })),
    ...targets.branches.map((b) => ({ value: `branch:${b.id}`, label: t("relations.share.toBranch", { name: b.name }) })),
    ...targets.divisions.map((d) => ({ value: `division:${d.id}`, label: t("relations.share.toDivision", { name: en ? d.nameEn : d.nameZh }) })),
  ];
  return (
    <Card title={t("relations.share.title")}>
      {canShare ? (
        <Form method="post" className="mb-4 space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label={t("relations.share.add")}>
          <CsrfInput />
          <input type="hidden" name="intent" value="share" />
          <input type="hidden" name="_key" value={formKey} />
          <FormAlert result={result} />
          <div className="grid gap-3 sm:grid-cols-3">
            <SelectField label={t("relations.share.grantee")} name="grantee" required defaultValue={value("grantee")} placeholder="—" options={granteeOptions} errors={errs("grantee")} />
            <SelectField
              label={t("relations.share.access")}
              name="access"
              required
              defaultValue={value("access", "read")}
              options={(["read", "edit"] as const).map((a) => ({ value: a, label: t(`relations.share.accesses.${a}`) }))}
              errors={errs("access")}
            />
            <TextField label={t("relations.share.expiresOn")} name="expiresOn" type="date" required min={today} defaultValue={value("expiresOn")} errors={errs("expiresOn")} />
          </div>
          <Button>{t("relations.share.add")}</Button>
        </Form>
      ) : null}
      {shares.length === 0 ? (
        <p className="text-sm text-slate-600">{t("relations.share.empty")}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {shares.map((s) => {
            const name = s.userName
              ? t("relations.share.toUser", { name: s.userName })
              : s.branchName
                ? t("relations.share.toBranch", { name: s.branchName })
                : t("relations.share.toDivision", { name: (en ? s.divisionEn : s.divisionZh) ?? "" });
            return (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">{name}</p>
                  <p className="flex flex-wrap items-center gap-2 text-xs text-slate-500">
                    <Badge tone={s.access === "edit" ? "amber" : "blue"}>{t(`relations.share.accesses.${s.access}`)}</Badge>
                    {s.expired ? <Badge tone="slate">{t("relations.share.expired")}</Badge> : null}
                    <span>{t("relations.share.until", { when: formatDateTime(s.expiresAt, i18n.language) })}</span>
                  </p>
                </div>
                {canShare ? (
                  <Form method="post">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="unshare" />
                    <input type="hidden" name="shareId" value={s.id} />
                    <Button variant="secondary" className="px-2 py-1 text-xs" aria-label={`${t("relations.share.revoke")}：${name}`}>
                      {t("relations.share.revoke")}
                    </Button>
                  </Form>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </Card>
  );
}
