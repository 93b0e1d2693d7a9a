import { eq, sql } from "drizzle-orm";
import { coupons, organizations, users, type Database } from "@cs/db";
import { addDays, shanghaiToday } from "@cs/domain/shared/dates";
import { loadActor } from "@cs/domain/users/actor";
import { issueCoupon } from "@cs/domain/coupons/issue";

/**
 * Demo coupons through the real verb: DL-0001 gets ¥50 off orders from ¥500 (three uses), DL-0002
 * one of its own, and DL-0001's tier 5% off. Runs once: skipped when any coupon exists.
 */
export async function seedDemoCoupons(db: Database): Promise<{ coupons: number }> {
  const [{ n } = { n: 0 }] = await db.execute<{ n: number }>(sql`select count(*)::int as n from ${coupons}`);
  if (Number(n) > 0) return { coupons: 0 };
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.login, "marketing@demo.cn"));
  const actor = user ? await loadActor(db, user.id) : null;
  if (!actor) throw new Error("coupon demo: no active user marketing@demo.cn");
  const ctx = { db, actor };
  const org = async (code: string) => (await db.select({ id: organizations.id, tier: organizations.tier }).from(organizations).where(eq(organizations.code, code)))[0];
  const [dl1, dl2] = [await org("DL-0001"), await org("DL-0002")];
  const today = shanghaiToday();
  const terms = { validFrom: today, validUntil: addDays(today, 90), source: "manual" as const };
  let issued = 0;
  if (dl1) {
    await issueCoupon(ctx, { ...terms, _key: "demo-coupon-dl1", target: "organization", organizationId: dl1.id, kind: "amount", amount: "50", minOrder: "500", usesAllowed: "3", description: "年终答谢券" });
    issued += 1;
    if (dl1.tier) {
      await issueCoupon(ctx, { ...terms, _key: "demo-coupon-tier", target: "tier", tier: dl1.tier, kind: "percent", percent: "5", usesAllowed: "100", description: "等级伙伴专享 95 折" });
      issued += 1;
    }
  }
  if (dl2) {
    await issueCoupon(ctx, { ...terms, _key: "demo-coupon-dl2", target: "organization", organizationId: dl2.id, kind: "amount", amount: "20", usesAllowed: "1", description: "新伙伴欢迎券" });
    issued += 1;
  }
  return { coupons: issued };
}
