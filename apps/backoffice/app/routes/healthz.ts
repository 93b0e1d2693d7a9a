import { sql } from "drizzle-orm";
import { getDb } from "@cs/auth/server";

export async function loader() {
  await getDb().execute(sql`select 1`);
  return new Response("ok", { headers: { "Content-Type": "text/plain" } });
}
