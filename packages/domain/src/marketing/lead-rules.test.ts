import { describe, expect, it } from "vitest";
import { calendarWithExceptions } from "../service/sla";
import { leadAcceptBy, leadLockNames, mayAcceptAt, partnerMoves } from "./lead-rules";

const at = (iso: string) => new Date(iso);

describe("leadAcceptBy", () => {
  it.each([
    // Monday 10:00 Shanghai + 8 business hours = Monday 18:00
    ["2026-12-07T02:00:00Z", "2026-12-07T10:00:00Z"],
    // Monday 12:00: six hours on Monday, two on Tuesday = Tuesday 11:00
    ["2026-12-07T04:00:00Z", "2026-12-08T03:00:00Z"],
    // Friday 17:00 Shanghai: one hour on Friday, seven on Monday
    ["2026-12-11T09:00:00Z", "2026-12-14T08:00:00Z"],
    // Saturday: the clock starts Monday 09:00
    ["2026-12-12T04:00:00Z", "2026-12-14T09:00:00Z"],
  ])("assigned at %s is due at %s", (assigned, due) => {
    expect(leadAcceptBy(at(assigned)).toISOString()).toBe(at(due).toISOString());
  });

  it("skips the service calendar's holidays", () => {
    const calendar = calendarWithExceptions([{ day: "2026-12-08", kind: "holiday" }]);
    expect(leadAcceptBy(at("2026-12-07T04:00:00Z"), calendar).toISOString()).toBe("2026-12-09T03:00:00.000Z");
  });
});

describe("lead rules", () => {
  it("accepts up to and including the deadline, never without one", () => {
    const due = at("2026-12-08T01:00:00Z");
    expect(mayAcceptAt(due, due)).toBe(true);
    expect(mayAcceptAt(due, new Date(due.getTime() + 1))).toBe(false);
    expect(mayAcceptAt(null, due)).toBe(false);
  });

  it.each([
    ["assigned", { accept: true, decline: true, progress: false, lose: false, convert: false }],
    ["working", { accept: false, decline: false, progress: true, lose: true, convert: true }],
    ["won", { accept: false, decline: false, progress: false, lose: false, convert: false }],
    ["returned", { accept: false, decline: false, progress: false, lose: false, convert: false }],
  ] as const)("a partner's moves on a %s lead", (status, moves) => {
    expect(partnerMoves(status)).toEqual(moves);
  });

  it("locks the keys given, in one order", () => {
    expect(leadLockNames({ mobile: "13900000000", email: "a@b.cn", creditCode: null })).toEqual(["lead:e:a@b.cn", "lead:m:13900000000"]);
    expect(leadLockNames({})).toEqual([]);
  });
});
