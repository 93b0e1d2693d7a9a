import { NotificationsRoute } from "@cs/web";
import { guarded, sharedLoaders, sharedActions } from "@cs/web/server";

export const loader = guarded(sharedLoaders.notifications);
export const action = guarded(sharedActions.notifications);

export default NotificationsRoute;
