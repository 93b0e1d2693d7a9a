import { confirmDelivery, getShipment } from "@cs/domain";
import { ShipmentView } from "@cs/web";
import { actionError, domainCtx, loaderError, guarded } from "@cs/web/server";
import type { Route } from "./+types/shipment";

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
  return <ShipmentView data={loaderData} />;
}
