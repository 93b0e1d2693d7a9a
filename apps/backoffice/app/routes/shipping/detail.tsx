import { useTranslation } from "@cs/i18n/react";
import { useSearchParams } from "react-router";
import { confirmDelivery, getShipment } from "@cs/domain";
import { Alert } from "@cs/ui";
import { ShipmentView } from "@cs/web";
import { actionError, domainCtx, loaderError, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    return await getShipment(domainCtx(context, request), params.id);
  } catch (error) {
    loaderError(error);
  }
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    await confirmDelivery(domainCtx(context, request), { shipmentId: params.id });
    return { delivered: true };
  } catch (error) {
    return actionError(error, form);
  }
});

export default function ShipmentDetail({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const shipped = params.get("done") === "shipped";
  return <ShipmentView data={loaderData} notice={shipped ? <Alert tone="success">{t("billing.shipping.shippedNotice", { invoice: loaderData.invoiceNumber ?? "" })}</Alert> : null} />;
}
