import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { businessCalendarDays, type Database } from "@cs/db";
import type { Ctx } from "@cs/domain";
import { ctxOf, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../../../../tests/db";
import { form, outcome } from "../../../../../../tests/route-outcome";
import { runCalendarAction } from "./actions.server";

/** The business calendar page's forms, posted to the dispatcher as the route hands them over. */

let db: Database;
let desk: Ctx;
let sales: Ctx;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [desk, sales] = (await Promise.all(["service@demo.cn", "sales.bj@demo.cn"].map((login) => ctxOf(db, login)))) as [Ctx, Ctx];
});

const dayRow = async (day: string) => (await db.select().from(businessCalendarDays).where(eq(businessCalendarDays.day, day)))[0];
const add = (day: string, extra: [string, string][] = []) =>
  form([["intent", "add"], ["day", day], ["kind", "holiday"], ["nameZh", "测试假日"], ["nameEn", "Test holiday"], ...extra]);

describe("runCalendarAction", () => {
  it("adds a day and redirects to its year; removing it takes it away again", async () => {
    expect(await outcome(runCalendarAction(desk, add("2031-03-03")))).toMatchObject({ status: 302, location: "/service/calendar?year=2031&done=added&day=2031-03-03" });
    expect(await dayRow("2031-03-03")).toMatchObject({ kind: "holiday", nameZh: "测试假日", nameEn: "Test holiday" });
    const removed = await outcome(runCalendarAction(desk, form([["intent", "remove"], ["day", "2031-03-03"]])));
    expect(removed).toMatchObject({ status: 302, location: "/service/calendar?year=2031&done=removed&day=2031-03-03" });
    expect(await dayRow("2031-03-03")).toBeUndefined();
  });

  it("answers an unknown intent with nothing and changes nothing", async () => {
    const answer = await expectUnchanged(db, () => outcome(runCalendarAction(desk, form([["intent", "clear"], ["day", "2031-03-04"]]))));
    expect(answer).toMatchObject({ thrown: false, status: null });
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses a field named %s with 400 and adds nothing", async (name) => {
    const answer = await expectUnchanged(db, () => outcome(runCalendarAction(desk, add("2031-03-05", [[name, "x"]]))));
    expect(answer).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
  });

  it.each([
    ["a date that does not exist", add("2031-02-30"), { day: ["calendar.validation.badDate"] }],
    ["a kind outside the list", form([["intent", "add"], ["day", "2031-03-06"], ["kind", "vacation"], ["nameZh", "假"], ["nameEn", "Off"]]), { kind: ["calendar.validation.badKind"] }],
    ["a blank name", form([["intent", "add"], ["day", "2031-03-06"], ["kind", "holiday"], ["nameZh", " "], ["nameEn", "Off"]]), { nameZh: ["validation.required"] }],
  ])("refuses %s with the field's error and changes nothing", async (_, posted, error) => {
    const answer = await expectUnchanged(db, () => outcome(runCalendarAction(desk, posted)));
    expect(answer).toMatchObject({ thrown: false, status: 400, data: { error } });
  });

  it("answers 404 to a salesperson adding a day, and adds nothing", async () => {
    const answer = await expectUnchanged(db, () => outcome(runCalendarAction(sales, add("2031-03-07"))));
    expect(answer).toMatchObject({ thrown: true, status: 404 });
  });
});
