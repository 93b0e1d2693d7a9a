import { SignInPage } from "@cs/web";
import { signInAction, signInLoader } from "@cs/web/server";
import type { Route } from "./+types/login";

export function loader({ context }: Route.LoaderArgs) {
  return signInLoader(context);
}

export function action({ request, context }: Route.ActionArgs) {
  return signInAction(request, context, "backoffice");
}

export default function Login({ actionData }: Route.ComponentProps) {
  return <SignInPage app="backoffice" result={actionData} />;
}
