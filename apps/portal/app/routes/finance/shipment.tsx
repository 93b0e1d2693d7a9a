import { ShipmentRoute } from "@cs/web";
import { guarded, sharedLoaders, sharedActions } from "@cs/web/server";

export const loader = guarded(sharedLoaders.shipment);
export const action = guarded(sharedActions.shipment);

export default ShipmentRoute;
