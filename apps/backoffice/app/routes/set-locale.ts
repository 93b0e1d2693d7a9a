import { redirect } from "react-router";
import { changeLocale, guarded } from "@cs/web/server";
import type { Route } from "./+types/set-locale";

export const loader = guarded(function loader() {
  return redirect("/");
});

export const action = guarded(function action({ request, context }: Route.ActionArgs) {
  return changeLocale(request, context);
});
