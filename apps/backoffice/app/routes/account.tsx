import { requireActor } from "@cs/auth/server";
import { AccountPage } from "@cs/web";
import { accountAction, guarded } from "@cs/web/server";
import type { Route } from "./+types/account";

export const loader = guarded(function loader({ context, request }: Route.LoaderArgs) {
  requireActor(context, request);
  return null;
});

export const action = guarded(function action({ request, context }: Route.ActionArgs) {
  return accountAction(request, context);
});

export default function Account({ actionData }: Route.ComponentProps) {
  return <AccountPage result={actionData} />;
}
