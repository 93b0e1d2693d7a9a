import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, organizations, relationshipTasks, type Database } from "@cs/db";
import type { Ctx } from "@cs/domain";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../../../tests/db";
import { form, outcome } from "../../../../../tests/route-outcome";
import { runRelationshipIntent } from "./intents.server";

/** The contact-history and task forms of the organization page and my day, posted to the dispatcher. */

let db: Database;
let salesBj: Ctx;
let salesSh: Ctx;
let orgId: string;
let seq = 0;
const key = () => `intent-test-${++seq}-${Date.now()}`;
/** Tomorrow at 10:00 in China, as a datetime-local field sends it. */
const tomorrow = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date(Date.now() + 86_400_000)) + "T10:00";

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [salesBj, salesSh] = (await Promise.all(["sales.bj@demo.cn", "sales.sh@demo.cn"].map((l) => ctxOf(db, l)))) as [Ctx, Ctx];
  const bj = (await orgByCode(db, "BJ")).id;
  orgId = (await db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.ownerBranchId, bj), eq(organizations.kind, "dealer"))).limit(1))[0]!.id;
});

describe("runRelationshipIntent", () => {
  it("logs a visit with its follow-up, adds a task and marks it done, each time back to the page with what happened", async () => {
    const back = `/organizations/${orgId}`;
    const logged = await outcome(runRelationshipIntent(salesBj, orgId, form([["intent", "logActivity"], ["_key", key()], ["kind", "visit"], ["summary", "拜访采购经理"], ["followUpAt", tomorrow]]), back));
    expect(logged).toMatchObject({ status: 302, location: `${back}?done=relations.activity.savedWithTask` });
    expect(await db.$count(activities, and(eq(activities.organizationId, orgId), eq(activities.summary, "拜访采购经理")))).toBe(1);
    const added = await outcome(runRelationshipIntent(salesBj, orgId, form([["intent", "addTask"], ["_key", key()], ["title", "寄送样机"], ["dueAt", tomorrow]]), "/my-day?x=1"));
    expect(added).toMatchObject({ status: 302, location: "/my-day?x=1&done=relations.task.saved" });
    const [task] = await db.select({ id: relationshipTasks.id }).from(relationshipTasks).where(eq(relationshipTasks.title, "寄送样机"));
    const done = await outcome(runRelationshipIntent(salesBj, null, form([["intent", "taskDone"], ["_key", key()], ["taskId", task!.id], ["done", "true"]]), "/my-day"));
    expect(done).toMatchObject({ status: 302, location: "/my-day?done=relations.task.markedDone" });
    expect((await db.select({ doneAt: relationshipTasks.doneAt }).from(relationshipTasks).where(eq(relationshipTasks.id, task!.id)))[0]!.doneAt).not.toBeNull();
  });

  it("refuses a task due in the past with the field's error, an unknown intent with nothing, a hostile name with 400, another branch's account with 404, changing nothing", async () => {
    const past = await expectUnchanged(db, () => outcome(runRelationshipIntent(salesBj, orgId, form([["intent", "addTask"], ["_key", key()], ["title", "晚了"], ["dueAt", "2020-01-01T09:00"]]), "/x")));
    expect(past).toMatchObject({ thrown: false, status: 400, data: { error: { dueAt: ["relations.validation.dueInPast"] } } });
    expect(await expectUnchanged(db, () => outcome(runRelationshipIntent(salesBj, orgId, form([["intent", "deleteAll"]]), "/x")))).toMatchObject({ thrown: false, status: null });
    expect(await expectUnchanged(db, () => outcome(runRelationshipIntent(salesBj, orgId, form([["intent", "addTask"], ["__proto__", "x"]]), "/x")))).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
    expect(await expectUnchanged(db, () => outcome(runRelationshipIntent(salesSh, orgId, form([["intent", "logActivity"], ["_key", key()], ["kind", "call"], ["summary", "越权"]]), "/x")))).toMatchObject({ thrown: true, status: 404 });
  });
});
