import { and, eq, ne } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, auditLog, contacts, organizations, relationshipTasks, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ForbiddenError, NotFoundError } from "../shared/errors";
import { fieldErrorsOf } from "@cs/testing/errors";
import { ctxOf, newKey, orgByCode, seedDemoData, userIdOf } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { listActivities, logActivity } from "./activities";
import { myDay, myDaySummary } from "./my-day";
import { createTask, listOrganizationTasks, setTaskDone } from "./tasks";

let db: Database;
let salesBj: Ctx;
let salesSh: Ctx;
let warehouse: Ctx;
let dealer: Ctx;
let bjOrg: typeof organizations.$inferSelect;
let shOrg: typeof organizations.$inferSelect;

/** A fixed "now" (14:00 in China) so that today, overdue and 30 days are exact. */
const now = new Date("2026-12-07T06:00:00Z");


beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [salesBj, salesSh, warehouse, dealer] = (await Promise.all(
    ["sales.bj@demo.cn", "sales.sh@demo.cn", "warehouse@demo.cn", "dealer@demo.cn"].map((l) => ctxOf(db, l)),
  )) as [Ctx, Ctx, Ctx, Ctx];
  const bj = (await orgByCode(db, "BJ")).id;
  const sh = (await orgByCode(db, "SH")).id;
  bjOrg = (await db.select().from(organizations).where(and(eq(organizations.ownerBranchId, bj), eq(organizations.kind, "dealer"))).limit(1))[0]!;
  shOrg = (await db.select().from(organizations).where(and(eq(organizations.ownerBranchId, sh), eq(organizations.kind, "dealer"))).limit(1))[0]!;
  expect(bjOrg && shOrg).toBeTruthy();
});

describe("logActivity", () => {
  it("records a visit with one of the account's contacts and its follow-up task, audited, once per key", async () => {
    const [contact] = await db.select().from(contacts).where(eq(contacts.organizationId, bjOrg.id)).limit(1);
    const form = {
      _key: newKey(),
      kind: "visit",
      occurredAt: "2026-12-07T10:30",
      contactId: contact!.id,
      summary: "拜访采购经理，介绍新款笔记本",
      outcome: "有意向",
      nextStep: "发送报价单",
      followUpAt: "2026-12-09T09:00",
    };
    const result = await logActivity(salesBj, bjOrg.id, form, now);
    const [row] = await db.select().from(activities).where(eq(activities.id, result.id));
    expect(row).toMatchObject({ kind: "visit", contactId: contact!.id, staffId: salesBj.actor.userId, outcome: "有意向", nextStep: "发送报价单" });
    expect(row!.occurredAt.toISOString()).toBe("2026-12-07T02:30:00.000Z");
    const [task] = await db.select().from(relationshipTasks).where(eq(relationshipTasks.id, result.taskId!));
    expect(task).toMatchObject({ title: "发送报价单", assigneeId: salesBj.actor.userId, activityId: result.id, doneAt: null });
    expect(task!.dueAt.toISOString()).toBe("2026-12-09T01:00:00.000Z");
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entityId, bjOrg.id), eq(auditLog.actorId, salesBj.actor.userId)));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["activity.create", "task.create"]));
    // The same form again (a retry): the first answer, nothing written twice.
    expect(await expectUnchanged(db, () => logActivity(salesBj, bjOrg.id, form, now))).toEqual(result);
    const listed = await listActivities(salesBj, bjOrg.id);
    expect(listed[0]).toMatchObject({ id: result.id, staffName: "张伟", contactName: contact!.name });
  });

  it("lists newest first", async () => {
    await logActivity(salesBj, bjOrg.id, { _key: newKey(), kind: "call", occurredAt: "2026-12-01T09:00", summary: "早先的电话" }, now);
    await logActivity(salesBj, bjOrg.id, { _key: newKey(), kind: "wechat", occurredAt: "2026-12-07T13:00", summary: "微信确认" }, now);
    const listed = await listActivities(salesBj, bjOrg.id);
    const times = listed.map((a) => new Date(a.occurredAt).getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect(listed[0]!.summary).toBe("微信确认");
  });

  it.each([
    ["a follow-up in the past", { followUpAt: "2026-12-07T13:59" }, { followUpAt: ["relations.validation.dueInPast"] }],
    ["a contact in the future", { occurredAt: "2026-12-08T10:00" }, { occurredAt: ["relations.validation.occurredInFuture"] }],
    ["a date that does not exist", { occurredAt: "2026-02-30T10:00" }, { occurredAt: ["relations.validation.dateTime"] }],
    ["an unknown kind", { kind: "fax" }, { kind: ["validation.required"] }],
    ["no summary", { summary: " " }, { summary: ["validation.required"] }],
  ])("refuses %s with a translated message and writes nothing", async (_what, change, expected) => {
    const form = { _key: newKey(), kind: "call", summary: "电话", ...change };
    expect(await expectUnchanged(db, () => fieldErrorsOf(logActivity(salesBj, bjOrg.id, form, now)))).toEqual(expected);
  });

  it("refuses a contact of another account", async () => {
    const [other] = await db.select().from(contacts).where(ne(contacts.organizationId, bjOrg.id)).limit(1);
    const form = { _key: newKey(), kind: "call", summary: "电话", contactId: other!.id };
    expect(await expectUnchanged(db, () => fieldErrorsOf(logActivity(salesBj, bjOrg.id, form, now)))).toEqual({ contactId: ["relations.validation.contactNotOfOrganization"] });
  });

  it("treats another branch's account as not found, and refuses staff without relationship:work and partners", async () => {
    const form = () => ({ _key: newKey(), kind: "call", summary: "电话" });
    await expectUnchanged(db, async () => {
      await expect(logActivity(salesSh, bjOrg.id, form(), now)).rejects.toBeInstanceOf(NotFoundError);
      await expect(logActivity(warehouse, bjOrg.id, form(), now)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(logActivity(dealer, bjOrg.id, form(), now)).rejects.toBeInstanceOf(ForbiddenError);
    });
    expect(await listActivities(salesSh, bjOrg.id)).toEqual([]);
    // A partner never reads the distributor's notes, not even about its own company.
    expect(await listActivities(dealer, (await orgByCode(db, "DL-0001")).id)).toEqual([]);
  });
});

describe("tasks", () => {
  it("refuses a task due in the past (or a reminder in the past or after the due time), writing nothing", async () => {
    const base = { title: "回访", assigneeId: "" };
    const cases: [Record<string, string>, Record<string, string[]>][] = [
      [{ dueAt: "2026-12-07T13:00" }, { dueAt: ["relations.validation.dueInPast"] }],
      [{ dueAt: "" }, { dueAt: ["validation.required"] }],
      [{ dueAt: "2026-12-08T09:00", remindAt: "2026-12-07T08:00" }, { remindAt: ["relations.validation.remindInPast"] }],
      [{ dueAt: "2026-12-08T09:00", remindAt: "2026-12-08T10:00" }, { remindAt: ["relations.validation.remindAfterDue"] }],
    ];
    for (const [change, expected] of cases)
      expect(await expectUnchanged(db, () => fieldErrorsOf(createTask(salesBj, bjOrg.id, { _key: newKey(), ...base, ...change }, now)))).toEqual(expected);
  });

  it("refuses an assignee who is not staff of the account's branch, and another branch's account", async () => {
    const form = { _key: newKey(), title: "回访", dueAt: "2026-12-08T09:00", assigneeId: await userIdOf(db, "sales.sh@demo.cn") };
    expect(await expectUnchanged(db, () => fieldErrorsOf(createTask(salesBj, bjOrg.id, form, now)))).toEqual({ assigneeId: ["relations.validation.ownerOutOfBranch"] });
    const dealerUser = await userIdOf(db, "dealer@demo.cn");
    expect(await expectUnchanged(db, () => fieldErrorsOf(createTask(salesBj, bjOrg.id, { ...form, _key: newKey(), assigneeId: dealerUser }, now)))).toEqual({
      assigneeId: ["relations.validation.ownerNotStaff"],
    });
    await expectUnchanged(db, () => expect(createTask(salesSh, bjOrg.id, { ...form, _key: newKey(), assigneeId: "" }, now)).rejects.toBeInstanceOf(NotFoundError));
  });

  it("marks done and reopens, audited; the same request twice changes nothing the second time; other scopes get 404", async () => {
    const { id } = await createTask(salesBj, bjOrg.id, { _key: newKey(), title: "寄样机", dueAt: "2026-12-08T09:00", remindAt: "2026-12-08T08:30" }, now);
    expect(await setTaskDone(salesBj, { taskId: id, done: "true" }, now)).toEqual({ id, changed: true });
    expect(await expectUnchanged(db, () => setTaskDone(salesBj, { taskId: id, done: "true" }, now))).toEqual({ id, changed: false });
    const tasks = await listOrganizationTasks(salesBj, bjOrg.id);
    expect(tasks.done.map((t) => t.id)).toContain(id);
    expect(tasks.open.map((t) => t.id)).not.toContain(id);
    await expectUnchanged(db, () => expect(setTaskDone(salesSh, { taskId: id, done: "false" }, now)).rejects.toBeInstanceOf(NotFoundError));
    expect(await setTaskDone(salesBj, { taskId: id, done: "false" }, now)).toEqual({ id, changed: true });
    const trail = await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, bjOrg.id));
    expect(trail.map((a) => a.action)).toEqual(expect.arrayContaining(["task.done", "task.reopen"]));
  });
});

describe("my day", () => {
  it("lists my tasks due later today and overdue ones (not done ones, not others'), and my accounts quiet for 30 days", async () => {
    const me = salesBj.actor.userId;
    // Tasks created "yesterday" so that their due times are now in the past.
    const yesterday = new Date(now.getTime() - 86_400_000);
    const overdue = await createTask(salesBj, bjOrg.id, { _key: newKey(), title: "逾期任务", dueAt: "2026-12-07T09:00" }, yesterday);
    const dueToday = await createTask(salesBj, bjOrg.id, { _key: newKey(), title: "今日任务", dueAt: "2026-12-07T18:00" }, now);
    const tomorrow = await createTask(salesBj, bjOrg.id, { _key: newKey(), title: "明日任务", dueAt: "2026-12-08T09:00" }, now);
    const doneOne = await createTask(salesBj, bjOrg.id, { _key: newKey(), title: "已完成", dueAt: "2026-12-07T19:00" }, now);
    await setTaskDone(salesBj, { taskId: doneOne.id, done: "true" }, now);
    const salesShTask = await createTask(salesSh, shOrg.id, { _key: newKey(), title: "别人的任务", dueAt: "2026-12-07T18:00" }, now);

    // Accounts I own: one contacted today (bjOrg), one never contacted, one last contacted 40 days ago.
    const [quiet, stale] = await db
      .select()
      .from(organizations)
      .where(and(eq(organizations.ownerBranchId, bjOrg.ownerBranchId!), ne(organizations.id, bjOrg.id), eq(organizations.status, "active"), ne(organizations.kind, "branch")))
      .limit(2);
    for (const o of [bjOrg, quiet!, stale!]) await db.update(organizations).set({ accountOwnerId: me }).where(eq(organizations.id, o.id));
    await db.insert(activities).values({ organizationId: stale!.id, kind: "call", occurredAt: new Date(now.getTime() - 40 * 86_400_000), staffId: me, summary: "很久以前" });

    const day = (await myDay(salesBj, { now }))!;
    expect(day.overdue.map((t) => t.id)).toEqual([overdue.id]);
    expect(day.today.map((t) => t.id)).toEqual([dueToday.id]);
    const all = [...day.overdue, ...day.today].map((t) => t.id);
    for (const id of [tomorrow.id, doneOne.id, salesShTask.id]) expect(all).not.toContain(id);
    const dormant = day.dormant.map((o) => o.id);
    expect(dormant).toEqual(expect.arrayContaining([quiet!.id, stale!.id]));
    expect(dormant).not.toContain(bjOrg.id);
    expect(day.dormant.find((o) => o.id === quiet!.id)!.lastContactAt).toBeNull();

    const summary = (await myDaySummary(salesBj, now))!;
    expect(summary).toMatchObject({ overdue: 1, today: 1, dormant: day.dormant.length });
    expect(summary.next.map((t) => t.id)).toEqual([overdue.id, dueToday.id]);

    // Another salesperson's day holds none of this; a warehouse user has no day at all.
    const theirs = (await myDay(salesSh, { now }))!;
    expect(theirs.today.map((t) => t.id)).toEqual([salesShTask.id]);
    expect(theirs.dormant).toEqual([]);
    expect(await myDay(warehouse, { now })).toBeNull();
    expect(await myDaySummary(warehouse, now)).toBeNull();
  });
});
