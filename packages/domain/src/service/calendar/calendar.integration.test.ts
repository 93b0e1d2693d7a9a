import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, businessCalendarDays, createDatabase, repairRequests, type Database } from "@cs/db";
import { testDatabaseUrl, testDb } from "../../../../../tests/db";
import type { Ctx } from "../../shared/context";
import { ForbiddenError, ValidationError } from "../../shared/errors";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { setRepairPriority } from "../desk";
import { addBusinessHours } from "../sla";
import { anySerializedProduct, customerOf, insertRepairRequest } from "../network/test-fixtures";
import { addCalendarDay, listCalendarDays, removeCalendarDay } from "./days";
import { loadBusinessCalendar } from "./load";

let db: Database;
let desk: Ctx;
let sales: Ctx;
const sh = (local: string) => new Date(`${local}+08:00`);

async function caught(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error("expected a rejection");
}

async function fieldErrors(p: Promise<unknown>) {
  const e = await caught(p);
  expect(e).toBeInstanceOf(ValidationError);
  return (e as ValidationError).fieldErrors;
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [desk, sales] = await Promise.all([ctxOf(db, "service@demo.cn"), ctxOf(db, "sales.bj@demo.cn")]);
  // the demo seed may carry real holidays; these tests own 2031
  await db.delete(businessCalendarDays).where(and(eq(businessCalendarDays.day, "2031-10-01")));
});

describe("calendar days", () => {
  it("the desk adds a holiday, audited; staff with service:read only list", async () => {
    const day = await addCalendarDay(desk, { day: "2031-10-01", kind: "holiday", nameZh: "国庆节", nameEn: "National Day" });
    expect(day).toMatchObject({ day: "2031-10-01", kind: "holiday" });
    expect((await listCalendarDays(desk, 2031)).map((d) => d.day)).toEqual(["2031-10-01"]);
    expect(await listCalendarDays(desk, 2030)).toEqual([]);
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entity, "business_calendar_day"), eq(auditLog.entityId, "2031-10-01")));
    expect(audit).toMatchObject({ action: "create", actorId: desk.actor.userId });
    expect(await caught(addCalendarDay(sales, { day: "2031-10-02", kind: "holiday", nameZh: "国庆节", nameEn: "National Day" }))).toBeInstanceOf(ForbiddenError);
  });

  it.each([
    ["a date that does not exist", { day: "2031-02-30", kind: "holiday", nameZh: "假", nameEn: "Off" }, "day", "calendar.validation.badDate"],
    ["not a date", { day: "十月一日", kind: "holiday", nameZh: "假", nameEn: "Off" }, "day", "calendar.validation.badDate"],
    ["an unknown kind", { day: "2031-10-03", kind: "halfday", nameZh: "假", nameEn: "Off" }, "kind", "calendar.validation.badKind"],
    ["no Chinese name", { day: "2031-10-03", kind: "holiday", nameZh: " ", nameEn: "Off" }, "nameZh", "validation.required"],
  ])("refuses %s and changes nothing", async (_name, input, field, key) => {
    const before = await db.$count(businessCalendarDays);
    expect((await fieldErrors(addCalendarDay(desk, input)))[field]).toContain(key);
    expect(await db.$count(businessCalendarDays)).toBe(before);
  });

  it("refuses a date already in the calendar, keeping the first entry", async () => {
    const fields = await fieldErrors(addCalendarDay(desk, { day: "2031-10-01", kind: "workday", nameZh: "调休", nameEn: "Make-up" }));
    expect(fields.day).toContain("calendar.validation.duplicate");
    const [row] = await db.select().from(businessCalendarDays).where(eq(businessCalendarDays.day, "2031-10-01"));
    expect(row?.kind).toBe("holiday");
  });

  it("removes a day once; a repeated removal changes nothing", async () => {
    await addCalendarDay(desk, { day: "2031-10-04", kind: "workday", nameZh: "国庆调休", nameEn: "National Day make-up" });
    expect(await removeCalendarDay(desk, { day: "2031-10-04" })).toEqual({ day: "2031-10-04", removed: true });
    expect(await removeCalendarDay(desk, { day: "2031-10-04" })).toEqual({ day: "2031-10-04", removed: false });
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.entity, "business_calendar_day"), eq(auditLog.entityId, "2031-10-04")));
    expect(audits.map((a) => a.action).sort()).toEqual(["create", "delete"]);
  });
});

describe("the calendar in SLA deadlines", () => {
  it("is cached per pool and re-read after a change, in this process at once and in another pool by NOTIFY", async () => {
    const other = createDatabase(testDatabaseUrl(), { max: 1 });
    try {
      const first = await loadBusinessCalendar(db);
      expect(await loadBusinessCalendar(db)).toBe(first);
      await loadBusinessCalendar(other);
      // the other pool's LISTEN connection attaches (and drops what it read before); then its copy stays put
      await new Promise((r) => setTimeout(r, 300));
      const seen = await loadBusinessCalendar(other);
      expect(seen.exceptions?.has("2031-12-31")).toBe(false);
      await new Promise((r) => setTimeout(r, 300));
      expect(await loadBusinessCalendar(other)).toBe(seen);
      await addCalendarDay(desk, { day: "2031-12-31", kind: "holiday", nameZh: "测试假日", nameEn: "Test holiday" });
      const mine = await loadBusinessCalendar(db);
      expect(mine).not.toBe(first);
      expect(mine.exceptions?.get("2031-12-31")).toBe("holiday");
      await expect.poll(async () => (await loadBusinessCalendar(other)).exceptions?.get("2031-12-31"), { timeout: 5_000 }).toBe("holiday");
    } finally {
      await other.$client.end({ timeout: 5 });
    }
  });

  it("a priority change recomputes the deadlines over the desk's holidays", async () => {
    // 2031-09-30 is a Tuesday; with 2031-10-01 a holiday, urgent (2 h response) filed at 17:00 runs 1 h on the 30th, 1 h on 2 Oct
    const product = await anySerializedProduct(db);
    const req = await insertRepairRequest(db, { productId: product.id, endCustomerId: await customerOf(db), createdAt: sh("2031-09-30T17:00:00"), priority: "normal" });
    await setRepairPriority(desk, { requestId: req.id, priority: "urgent", _key: newKey() });
    const [row] = await db.select().from(repairRequests).where(eq(repairRequests.id, req.id));
    expect(row?.responseDueAt.toISOString()).toBe(sh("2031-10-02T10:00:00").toISOString());
    expect(row?.responseDueAt.toISOString()).not.toBe(addBusinessHours(sh("2031-09-30T17:00:00"), 2).toISOString());
  });
});
