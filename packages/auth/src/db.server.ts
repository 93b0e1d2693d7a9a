import { createDatabase, type Database } from "@cs/db";
import { serverEnv } from "./env.server";

const holder = globalThis as unknown as { __csDb?: Database };

/** One pool per process; kept on globalThis so dev hot reloads do not leak pools. */
export function getDb(): Database {
  holder.__csDb ??= createDatabase(serverEnv().DATABASE_URL, { max: 10 });
  return holder.__csDb;
}
