import { NotificationsPage } from "@cs/web";
import { domainCtx, notificationsAction, notificationsLoader } from "@cs/web/server";
import type { Route } from "./+types/notifications";

export async function loader({ context, request }: Route.LoaderArgs) {
  return notificationsLoader(domainCtx(context, request), request);
}

export async function action({ context, request }: Route.ActionArgs) {
  return notificationsAction(domainCtx(context, request), request);
}

export default function Notifications({ loaderData }: Route.ComponentProps) {
  return <NotificationsPage page={loaderData.page} unreadOnly={loaderData.unreadOnly} marked={loaderData.marked} />;
}
