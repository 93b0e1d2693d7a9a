import { AccountRoute } from "@cs/web";
import { guarded, sharedLoaders, sharedActions } from "@cs/web/server";

export const loader = guarded(sharedLoaders.account);
export const action = guarded(sharedActions.account);

export default AccountRoute;
