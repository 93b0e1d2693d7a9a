import { SignInPage } from "@cs/web";
import { signInAction, signInLoader, guarded } from "@cs/web/server";
import type { Route } from "./+types/login";

export const loader = guarded(function loader({ context }: Route.LoaderArgs) {
  return signInLoader(context);
});

export const action = guarded(function action({ request, context }: Route.ActionArgs) {
  return signInAction(request, context, "backoffice");
});

export default function Login({ actionData }: Route.ComponentProps) {
  return <SignInPage app="backoffice" result={actionData} />;
}
