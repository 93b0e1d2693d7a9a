import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import { Alert, Button, Card, PageHeader, TextField } from "@cs/ui";
import { FormAlert, useFieldErrors, type ActionResult } from "./form";
import { CsrfInput, useRootData } from "./root";

export function AccountPage({ result }: { result: ActionResult | { status: "success" } }) {
  const { t } = useTranslation();
  const user = useRootData()?.user;
  const errorResult = result && result.status === "error" ? result : undefined;
  const errors = useFieldErrors(errorResult);
  return (
    <>
      <PageHeader title={t("nav.account")}>
        <p className="mt-1 text-slate-600">
          {user?.name} · {user?.roles.map((r) => t(`roles.${r}`)).join("、")}
        </p>
      </PageHeader>
      <Card title={t("auth.changePassword")} className="max-w-lg">
        {result?.status === "success" ? (
          <div className="mb-3">
            <Alert tone="success">{t("auth.passwordChanged")}</Alert>
          </div>
        ) : null}
        <FormAlert result={errorResult} />
        <Form method="post" className="mt-3 space-y-4">
          <CsrfInput />
          <TextField label={t("auth.currentPassword")} name="current" type="password" autoComplete="current-password" required errors={errors("current")} />
          <TextField label={t("auth.newPassword")} name="next" type="password" autoComplete="new-password" required hint={t("auth.passwordHint")} errors={errors("next")} />
          <TextField label={t("auth.confirm")} name="confirm" type="password" autoComplete="new-password" required errors={errors("confirm")} />
          <Button>{t("auth.changePassword")}</Button>
        </Form>
      </Card>
    </>
  );
}
