import { useTranslation } from "@cs/i18n/react";
import { Form, redirect } from "react-router";
import { authorize, deleteContractPrice, getContractPrice, saveContractPrice } from "@cs/domain";
import { Button, PageHeader } from "@cs/ui";
import { CsrfInput, type ActionResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/contract-edit";
import { fenToYuan } from "@cs/domain/shared/money";
import { ContractForm } from "./contract-form";
import { PricingTabs } from "./tabs";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "pricing:manage");
  const { contract, organizationCode, sku } = await getContractPrice(ctx, params.id);
  return {
    values: {
      organizationCode,
      sku,
      minQuantity: String(contract.minQuantity),
      price: fenToYuan(contract.unitPriceFen),
      contractNo: contract.contractNo ?? "",
      validFrom: contract.validFrom,
      validTo: contract.validTo ?? "",
    },
  };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    if (form.get("intent") === "delete") {
      await deleteContractPrice(ctx, params.id);
      return redirect("/pricing/contracts?done=deleted");
    }
    await saveContractPrice(ctx, params.id, readForm(form));
    return redirect("/pricing/contracts?done=saved");
  } catch (error) {
    return actionError(error, form);
  }
});

export default function EditContractPrice({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t("pricing.contracts.edit")} />
      <PricingTabs />
      <ContractForm title={t("pricing.contracts.edit")} values={loaderData.values} result={(actionData ?? null) as ActionResult} />
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="delete" />
        <Button variant="danger">{t("pricing.contracts.delete")}</Button>
      </Form>
    </>
  );
}
