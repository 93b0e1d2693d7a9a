import { sql } from "drizzle-orm";
import { requestContext } from "@cs/auth/server";
import { guarded } from "@cs/web/server";
import type { Route } from "./+types/healthz";

export const loader = guarded(async function loader({ context }: Route.LoaderArgs) {
  await context.get(requestContext).db.execute(sql`select 1`);
  return new Response("ok", { headers: { "Content-Type": "text/plain" } });
});
