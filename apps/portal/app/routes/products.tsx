import { redirect } from "react-router";
import { requireActor } from "@cs/auth/server";
import { guarded, notFound } from "@cs/web/server";
import type { Route } from "./+types/products";

/** The catalogue used to exist twice (产品目录 and 在线订货); old links and bookmarks land on the one that remains. */
export const loader = guarded(function loader({ context, request }: Route.LoaderArgs) {
  if (!requireActor(context, request).permissions.has("product:read")) notFound();
  return redirect(`/catalog${new URL(request.url).search}`, 301);
});
