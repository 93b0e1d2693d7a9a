import { redirect } from "react-router";
import { signOut } from "@cs/auth/server";
import type { Route } from "./+types/logout";
import { guarded } from "@cs/web/server";

export const loader = guarded(function loader() {
  return redirect("/");
});

export const action = guarded(function action({ context }: Route.ActionArgs) {
  return signOut(context, "backoffice");
});
