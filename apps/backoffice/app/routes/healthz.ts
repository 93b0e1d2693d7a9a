import { sql } from "drizzle-orm";
import { getDb } from "@cs/auth/server";
import { guarded } from "@cs/web/server";

export const loader = guarded(async function loader() {
  await getDb().execute(sql`select 1`);
  return new Response("ok", { headers: { "Content-Type": "text/plain" } });
});
