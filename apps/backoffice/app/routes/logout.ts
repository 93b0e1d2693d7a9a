import { redirect } from "react-router";
import { signOut } from "@cs/auth/server";
import type { Route } from "./+types/logout";

export function loader() {
  return redirect("/");
}

export function action({ context }: Route.ActionArgs) {
  return signOut(context, "backoffice");
}
