import { eq } from "drizzle-orm";
import { hashPassword } from "@cs/auth/server";
import { userRoles, users, type Database } from "@cs/db";
import { seedUuid } from "@cs/seed";

/** A management user of the bench's own with a real argon2 hash (the demo users' are fakes in the bench seed). */
export async function ensureStaffUser(db: Database, login: string, password: string, displayName: string) {
  const id = seedUuid(`user:${login}`);
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.id, id));
  if (existing) return;
  const [manager] = await db.select({ organizationId: users.organizationId }).from(users).where(eq(users.id, seedUuid("user:manager@demo.cn")));
  await db.insert(users).values({ id, kind: "staff", login, displayName, passwordHash: await hashPassword(password), organizationId: manager?.organizationId ?? null, locale: "zh-CN" });
  await db.insert(userRoles).values({ userId: id, role: "management" });
}
