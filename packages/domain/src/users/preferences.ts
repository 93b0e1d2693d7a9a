import { eq } from "drizzle-orm";
import { users } from "@cs/db";
import type { Ctx } from "../shared/context";

export const supportedLocales = ["zh-CN", "en"] as const;
export type Locale = (typeof supportedLocales)[number];

export async function setUserLocale(ctx: Ctx, locale: string) {
  if (!(supportedLocales as readonly string[]).includes(locale)) return;
  await ctx.db.update(users).set({ locale }).where(eq(users.id, ctx.actor.userId));
}
