import { describe, expect, it } from "vitest";
import { addBusinessHours, currentSlaDue, slaDueDates, slaPolicyFrom, defaultSlaPolicy } from "./sla";

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
