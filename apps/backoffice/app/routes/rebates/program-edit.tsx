import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, getRebateProgram, rebateProgramFormOptions, updateRebateProgram } from "@cs/domain";
import { Alert, PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/program-edit";
import { programInputFromForm, programInputFromStored } from "./program-form.server";
import { ProgramForm } from "./program-form";
import { RebateTabs } from "./tabs";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "rebate:manage");
  const [detail, options] = await Promise.all([getRebateProgram(ctx, params.id), rebateProgramFormOptions(ctx)]);
  const frozen = detail.byStatus.some((s) => s.status !== "draft" && s.n > 0);
  return { ...detail, options, frozen };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const posted = programInputFromForm(form);
    const current = await getRebateProgram(ctx, params.id);
    const frozen = current.byStatus.some((s) => s.status !== "draft" && s.n > 0);
    // the frozen rules are not in the form (disabled fields are not posted): only code, name and status change
    const input = frozen ? { ...programInputFromStored(current.program, current.partnerCodes), code: posted.code, name: posted.name, status: posted.status } : posted;
    await updateRebateProgram(ctx, params.id, input, Number(form.get("version")));
    return redirect(`/rebates/programs/${params.id}?done=saved`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function EditRebateProgram({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { program, partnerCodes, options, frozen } = loaderData;
  return (
    <>
      <PageHeader title={`${t("rebatePrograms.edit")} · ${program.code}`} />
      <RebateTabs />
      {frozen ? (
        <div className="mb-4">
          <Alert tone="info">{t("rebatePrograms.detail.locked")}</Alert>
        </div>
      ) : null}
      <ProgramForm values={{ ...program, partnerCodes }} options={options} result={(actionData ?? null) as ActionResult} locked={frozen} />
    </>
  );
}

