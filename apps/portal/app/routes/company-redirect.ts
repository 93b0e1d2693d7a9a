import { redirect } from "react-router";
import { requireActor } from "@cs/auth/server";
import { notFound, guarded } from "@cs/web/server";
import type { Route } from "./+types/company-redirect";

export const loader = guarded(function loader({ context, request }: Route.LoaderArgs) {
  const actor = requireActor(context, request);
  if (!actor.organizationId) notFound();
  return redirect(`/company/${actor.organizationId}`);
});
