import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { seedDemoOrders } from "@cs/seed/flows/orders";
import { addDays, shanghaiToday } from "../shared/dates";
import { orgByCode, seedDemoData, userIdOf } from "@cs/testing/demo";
import { runCareRules } from "./care";

let db: Database;
const today = shanghaiToday();
const count = async (q: ReturnType<typeof sql>) => (await db.execute<{ n: number }>(q))[0]!.n;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  await seedDemoOrders(db);
  // No demo contact has a birthday today unless the calendar says so: start from none, then set two.
  await db.execute(sql`update contacts set birthday = null where to_char(birthday, 'MM-DD') = to_char(${today}::date, 'MM-DD')`);
});

describe("care rules", () => {
  it("greets today's birthdays once: a task for the owner and an e-mail to the contact, nothing on a second run", async () => {
    const dl1 = await orgByCode(db, "DL-0001");
    const owner = await userIdOf(db, "sales.bj@demo.cn");
    await db.execute(sql`update organizations set account_owner_id = ${owner}::uuid where id = ${dl1.id}::uuid`);
    const [contact] = await db.execute<{ id: string; name: string }>(sql`select id, name from contacts where organization_id = ${dl1.id}::uuid order by id limit 1`);
    await db.execute(sql`update contacts set birthday = (${today}::date - interval '30 years')::date, email = 'birthday@example.cn' where id = ${contact!.id}::uuid`);
    // An account without an owner gets nothing.
    const dl2 = await orgByCode(db, "DL-0002");
    await db.execute(sql`update organizations set account_owner_id = null where id = ${dl2.id}::uuid`);
    await db.execute(sql`update contacts set birthday = (${today}::date - interval '40 years')::date where organization_id = ${dl2.id}::uuid`);

    const first = await runCareRules(db, today);
    expect(first.birthdays).toBe(1);
    const second = await runCareRules(db, today);
    expect(second.birthdays).toBe(0);
    expect(await count(sql`select count(*)::int as n from relationship_tasks where organization_id = ${dl1.id}::uuid and assignee_id = ${owner}::uuid and title like ${`%${contact!.name}`}`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from email_outbox where template = 'care.birthday' and to_address = 'birthday@example.cn'`)).toBe(1);
    expect(await count(sql`select count(*)::int as n from care_events where rule = 'birthday' and organization_id = ${dl2.id}::uuid`)).toBe(0);
    // Tomorrow is another day: the contact is not greeted again.
    await runCareRules(db, addDays(today, 1));
    expect(await count(sql`select count(*)::int as n from care_events where rule = 'birthday' and subject_id = ${contact!.id}::uuid`)).toBe(1);
  });

  it("alerts the owner once when a partner orders no more for over twice its usual interval", async () => {
    const dl1 = await orgByCode(db, "DL-0001");
    const owner = await userIdOf(db, "sales.bj@demo.cn");
    // Its orders every 10 days, the last 25 days ago: usual 10, silent 25 > 20. Its rejected and
    // cancelled orders stay at today's date: they are not orders the partner went on with.
    const counted = sql`organization_id = ${dl1.id}::uuid and status not in ('cancelled', 'rejected')`;
    await db.execute(sql`with o as (select id, row_number() over (order by submitted_at desc, id) - 1 as k from orders where ${counted})
      update orders set submitted_at = now() - make_interval(days => 25 + 10 * o.k::int) from o where orders.id = o.id`);
    expect(await count(sql`select count(*)::int as n from orders where ${counted}`)).toBeGreaterThanOrEqual(3);
    expect(await count(sql`select count(*)::int as n from orders where organization_id = ${dl1.id}::uuid and submitted_at > now() - interval '1 day'`)).toBeGreaterThan(0);
    const claimed = () => count(sql`select count(*)::int as n from care_events where rule = 'dormant' and subject_id = ${dl1.id}::uuid`);
    const noticed = () => count(sql`select count(*)::int as n from notifications where kind = 'care.dormant' and user_id = ${owner}::uuid and entity_id::text = ${dl1.id}`);
    expect(await claimed()).toBe(0);
    await runCareRules(db, addDays(today, -10)); // 15 days silent then: not dormant yet
    expect(await claimed()).toBe(0);
    expect((await runCareRules(db, today)).dormant).toBeGreaterThanOrEqual(1);
    expect(await claimed()).toBe(1);
    expect((await runCareRules(db, today)).dormant).toBe(0);
    expect((await runCareRules(db, addDays(today, 1))).dormant).toBe(0);
    expect(await claimed()).toBe(1);
    expect(await noticed()).toBe(1);
  });
});
