import { describe, expect, it } from "vitest";
import { addBusinessHours, calendarWithExceptions, currentSlaDue, slaDueDates, slaPolicyFrom, defaultSlaPolicy } from "./sla";

/** Shanghai wall-clock time → Date */
const sh = (local: string) => new Date(`${local}+08:00`);

describe("addBusinessHours (Mon–Fri 09–18 Asia/Shanghai)", () => {
  // 2026-11-27 is a Friday
  it.each([
    ["within the same day", "2026-11-25T10:00:00", 4, "2026-11-25T14:00:00"],
    ["to the exact close", "2026-11-25T10:00:00", 8, "2026-11-25T18:00:00"],
    ["overnight", "2026-11-25T16:00:00", 4, "2026-11-26T11:00:00"],
    ["filed before opening", "2026-11-25T06:30:00", 2, "2026-11-25T11:00:00"],
    ["filed after closing", "2026-11-25T20:00:00", 1, "2026-11-26T10:00:00"],
    ["Friday afternoon over the weekend", "2026-11-27T17:00:00", 2, "2026-11-30T10:00:00"],
    ["filed on Saturday", "2026-11-28T12:00:00", 8, "2026-11-30T17:00:00"],
    ["filed on Sunday night", "2026-11-29T23:59:00", 0.5, "2026-11-30T09:30:00"],
    ["a full working week", "2026-11-23T09:00:00", 45, "2026-11-27T18:00:00"],
    ["more than a week", "2026-11-27T12:00:00", 72, "2026-12-09T12:00:00"],
    ["zero hours inside hours", "2026-11-25T10:00:00", 0, "2026-11-25T10:00:00"],
    ["midnight UTC is 08:00 in Shanghai", "2026-11-25T08:00:00", 1, "2026-11-25T10:00:00"],
  ])("%s", (_name, start, hours, expected) => {
    expect(addBusinessHours(sh(start), hours).toISOString()).toBe(sh(expected).toISOString());
  });
});

describe("SLA due dates", () => {
  it("by priority: urgent answers faster than low", () => {
    const filed = sh("2026-11-25T10:00:00");
    const urgent = slaDueDates(filed, "urgent");
    const low = slaDueDates(filed, "low");
    expect(urgent.responseDueAt.toISOString()).toBe(sh("2026-11-25T12:00:00").toISOString());
    expect(low.responseDueAt.getTime()).toBeGreaterThan(urgent.responseDueAt.getTime());
    expect(urgent.resolutionDueAt.getTime()).toBeLessThan(low.resolutionDueAt.getTime());
  });

  it("the running deadline follows the state", () => {
    const due = { responseDueAt: new Date(1), resolutionDueAt: new Date(2) };
    expect(currentSlaDue("submitted", due)).toBe(due.responseDueAt);
    expect(currentSlaDue("repairing", due)).toBe(due.resolutionDueAt);
    expect(currentSlaDue("ready", due)).toBeNull();
    expect(currentSlaDue("cancelled", due)).toBeNull();
  });

  it("a malformed stored policy falls back to the default", () => {
    expect(slaPolicyFrom({ response: { urgent: 1 } })).toBe(defaultSlaPolicy);
    const custom = { response: { urgent: 1, high: 2, normal: 3, low: 4 }, resolution: { urgent: 5, high: 6, normal: 7, low: 8 } };
    expect(slaPolicyFrom(custom)).toEqual(custom);
  });
});

describe("addBusinessHours with public holidays and make-up workdays", () => {
  // Illustrative calendar for the tests (the desk enters the State Council's real schedule)
  const calendar = calendarWithExceptions([
    ...["01", "02", "03", "04", "05", "06", "07"].map((d) => ({ day: `2026-10-${d}`, kind: "holiday" as const })),
    { day: "2026-10-10", kind: "workday" },
    { day: "2027-01-01", kind: "holiday" },
  ]);
  it.each([
    ["filed the evening before National Day: due after the holiday", "2026-09-30T19:00:00", 8, "2026-10-08T17:00:00"],
    ["filed the last afternoon before National Day", "2026-09-30T16:00:00", 4, "2026-10-08T11:00:00"],
    ["filed during the holiday starts at the first workday", "2026-10-03T10:00:00", 1, "2026-10-08T10:00:00"],
    ["a make-up Saturday counts", "2026-10-09T17:00:00", 2, "2026-10-10T10:00:00"],
    ["filed on the make-up Saturday itself", "2026-10-10T09:00:00", 9, "2026-10-10T18:00:00"],
    ["the ordinary Sunday after the make-up Saturday does not", "2026-10-10T17:00:00", 2, "2026-10-12T10:00:00"],
    ["New Year's Day on a Friday joins the weekend", "2026-12-31T17:00:00", 2, "2027-01-04T10:00:00"],
    ["at 09:00 exactly the clock starts", "2026-10-08T09:00:00", 1, "2026-10-08T10:00:00"],
    ["at 18:00 exactly the day is over", "2026-09-30T18:00:00", 1, "2026-10-08T10:00:00"],
    ["ending at 18:00 stays on that day", "2026-10-08T17:00:00", 1, "2026-10-08T18:00:00"],
    ["one minute before close carries over the holiday", "2026-09-30T17:59:00", 0.5, "2026-10-08T09:29:00"],
  ])("%s", (_name, start, hours, expected) => {
    expect(addBusinessHours(sh(start), hours, calendar).toISOString()).toBe(sh(expected).toISOString());
  });

  it("without exceptions the same dates follow the weekly rule", () => {
    expect(addBusinessHours(sh("2026-09-30T19:00:00"), 8).toISOString()).toBe(sh("2026-10-01T17:00:00").toISOString());
    expect(addBusinessHours(sh("2026-10-09T17:00:00"), 2).toISOString()).toBe(sh("2026-10-12T10:00:00").toISOString());
  });

  it("slaDueDates passes the calendar on", () => {
    const due = slaDueDates(sh("2026-09-30T19:00:00"), "normal", defaultSlaPolicy, calendar);
    expect(due.responseDueAt.toISOString()).toBe(sh("2026-10-08T17:00:00").toISOString());
  });
});
