import { NotificationsPage } from "@cs/web";
import { domainCtx, notificationsAction, notificationsLoader, guarded } from "@cs/web/server";
import type { Route } from "./+types/notifications";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return notificationsLoader(domainCtx(context, request), request);
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  return notificationsAction(domainCtx(context, request), request);
});

export default function Notifications({ loaderData }: Route.ComponentProps) {
  return <NotificationsPage page={loaderData.page} unreadOnly={loaderData.unreadOnly} marked={loaderData.marked} />;
}
