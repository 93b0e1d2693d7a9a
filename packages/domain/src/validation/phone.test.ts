import { describe, expect, it } from "vitest";
import { normalizeLandline, normalizeMobile, normalizePhone } from "./phone";

describe("normalizeMobile", () => {
  it.each([
    ["13800138000", "13800138000"],
    ["+86 138 0013 8000", "13800138000"],
    ["+8613800138000", "13800138000"],
    ["8613800138000", "13800138000"],
    ["86-138-0013-8000", "13800138000"],
    ["138-0013-8000", "13800138000"],
    [" 139 1234 5678 ", "13912345678"],
    ["19912345678", "19912345678"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeMobile(input)).toBe(expected);
  });

  it.each([
    ["12 digits", "138001380001"],
    ["10 digits", "1380013800"],
    ["leading 12", "12012345678"],
    ["leading 11", "11012345678"],
    ["leading 10", "10012345678"],
    ["+86 and a leading 12", "+86 12012345678"],
    ["+86 alone", "+86"],
    ["a landline", "010-62345678"],
    ["letters", "1380013800a"],
    ["empty", ""],
  ])("rejects %s (%s)", (_what, input) => {
    expect(normalizeMobile(input)).toBeNull();
  });
});

describe("normalizeLandline", () => {
  it.each([
    ["010-62345678", "010-62345678"],
    ["01062345678", "010-62345678"],
    ["010 62345678", "010-62345678"],
    ["0755-8765432", "0755-8765432"],
    ["0755-87654321", "0755-87654321"],
    ["(021)62345678", "021-62345678"],
    ["(0571) 87654321", "0571-87654321"],
    ["010-62345678-123", "010-62345678-123"],
    ["010-62345678转123", "010-62345678-123"],
    ["010-62345678 转 8", "010-62345678-8"],
    ["010-62345678 ext. 123", "010-62345678-123"],
    ["010-62345678 EXT 123", "010-62345678-123"],
    ["0755-8765432-801", "0755-8765432-801"],
    ["  020-82345678  ", "020-82345678"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeLandline(input)).toBe(expected);
  });

  it.each([
    // Local numbers never start with 0 or 1.
    ["local number starting with 1", "(021)12345678"],
    ["local number starting with 0", "010-02345678"],
    ["no area code", "62345678"],
    ["area code without leading 0", "10-62345678"],
    ["too short", "010-623456"],
    ["too long", "010-623456789"],
    ["extension without digits", "010-62345678-"],
    ["extension too long", "010-62345678-1234567"],
    ["a mobile number", "13800138000"],
    ["letters", "010-6234567a"],
    ["empty", ""],
  ])("rejects %s (%s)", (_what, input) => {
    expect(normalizeLandline(input)).toBeNull();
  });
});

describe("normalizePhone", () => {
  it.each([
    ["+86 138 0013 8000", "13800138000"],
    ["010-62345678", "010-62345678"],
    ["(021)62345678转5", "021-62345678-5"],
  ])("%s → %s", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each(["62345678", "12012345678", "(021)12345678", "phone", ""])("rejects %s", (input) => {
    expect(normalizePhone(input)).toBeNull();
  });
});
