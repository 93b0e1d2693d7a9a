import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { authorize, createRebateProgram, rebateProgramFormOptions } from "@cs/domain";
import { PageHeader } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/program-new";
import { programInputFromForm } from "./program-form.server";
import { ProgramForm } from "./program-form";
import { RebateTabs } from "./tabs";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "rebate:manage");
  return { formKey: randomUUID(), options: await rebateProgramFormOptions(ctx) };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const program = await createRebateProgram(ctx, programInputFromForm(form));
    return redirect(`/rebates/programs/${program.id}?done=saved`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function NewRebateProgram({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("rebatePrograms.new")} />
      <RebateTabs />
      <ProgramForm options={loaderData.options} result={(actionData ?? null) as ActionResult} formKey={loaderData.formKey} />
    </>
  );
}
