import { describe, expect, it } from "vitest";
import { addDays, addMonths, shanghaiDateTime, shanghaiMonth, shanghaiNoon, shanghaiToday, shanghaiYear } from "./dates";

describe("the Chinese business calendar", () => {
  // 2026-12-31 16:30 UTC is 00:30 on 1 January 2027 in Shanghai.
  const newYearInChina = new Date("2026-12-31T16:30:00Z");

  it("is ahead of UTC by eight hours at a year boundary", () => {
    expect(shanghaiToday(newYearInChina)).toBe("2027-01-01");
    expect(shanghaiMonth(newYearInChina)).toBe("2027-01");
    expect(shanghaiYear(newYearInChina)).toBe(2027);
    expect(shanghaiYear(new Date("2026-12-31T15:59:59Z"))).toBe(2026);
  });

  it("formats wall-clock time in China, midnight as 00", () => {
    expect(shanghaiDateTime(newYearInChina)).toBe("2027-01-01 00:30:00");
    expect(shanghaiDateTime(new Date("2026-03-01T16:00:00Z"))).toBe("2026-03-02 00:00:00");
  });

  it("places a date-only event at noon in China", () => {
    expect(shanghaiNoon("2026-05-01").toISOString()).toBe("2026-05-01T04:00:00.000Z");
  });

  it("adds days and months on calendar dates", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
  });
});
