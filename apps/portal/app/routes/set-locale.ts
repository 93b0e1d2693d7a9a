import { redirect } from "react-router";
import { changeLocale } from "@cs/web/server";
import type { Route } from "./+types/set-locale";

export function loader() {
  return redirect("/");
}

export function action({ request, context }: Route.ActionArgs) {
  return changeLocale(request, context);
}
