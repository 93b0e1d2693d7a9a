import { SettlementsRoute } from "@cs/web";
import { guarded, sharedLoaders } from "@cs/web/server";

export const loader = guarded(sharedLoaders.settlements);

export default SettlementsRoute;
