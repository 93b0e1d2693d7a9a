import { SettlementRoute } from "@cs/web";
import { guarded, sharedLoaders } from "@cs/web/server";

export const loader = guarded(sharedLoaders.settlement);

export default SettlementRoute;
