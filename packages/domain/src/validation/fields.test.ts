import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { organizationInput } from "../organizations/schema";
import { ValidationError, type FieldErrors } from "../shared/errors";
import { parseInput } from "../shared/parse";
import { emailField, yuanToFenField } from "./fields";

/** The field messages parseInput reports, or null when the input is valid. */
function errorsOf(schema: z.ZodType, raw: unknown): FieldErrors | null {
  try {
    parseInput(schema, raw);
    return null;
  } catch (error) {
    if (error instanceof ValidationError) return error.fieldErrors;
    throw error;
  }
}

describe("yuanToFenField", () => {
  it.each([
    ["12,345.60", 1234560n],
    ["0.05", 5n],
    ["0.5", 50n],
    ["1", 100n],
    ["1.5", 150n],
    [" 99.99 ", 9999n],
    ["¥1,000", 100000n],
    ["1，000.10", 100010n],
    ["0", 0n],
    ["9999999999999.99", 999999999999999n],
  ])("%s → %s fen", (input, fen) => {
    expect(yuanToFenField.parse(input)).toBe(fen);
  });

  it.each([undefined, "", "   "])("treats %j as not given", (input) => {
    expect(yuanToFenField.parse(input)).toBeUndefined();
  });

  it.each([
    ["three decimals", "1.234"],
    ["negative", "-1"],
    ["letters", "12a"],
    ["a lone dot", "."],
    ["trailing dot", "1."],
    ["exponent", "1e3"],
    ["two dots", "1.2.3"],
    ["14 integer digits", "12345678901234"],
  ])("rejects %s (%s) with validation.money", (_what, input) => {
    expect(errorsOf(yuanToFenField, input)).toEqual({ form: ["validation.money"] });
  });
});

describe("emailField", () => {
  it("lower-cases a valid address", () => {
    expect(emailField.parse("Zhang.Wei@Example.CN")).toBe("zhang.wei@example.cn");
  });

  it.each([undefined, "", "  "])("treats %j as not given", (input) => {
    expect(emailField.parse(input)).toBeUndefined();
  });

  it.each(["zhang", "zhang@", "@example.cn", "zhang@example", "a b@example.cn"])("rejects %s", (input) => {
    expect(errorsOf(emailField, input)).toEqual({ form: ["validation.email"] });
  });

  it("rejects an address longer than 254 characters", () => {
    const long = `${"a".repeat(60)}@${["b", "c", "d", "e"].map((c) => c.repeat(60)).join(".")}.cn`;
    expect(long.length).toBeGreaterThan(254);
    expect(errorsOf(emailField, long)?.form).toContain("validation.tooLong");
  });
});

const branchId = "5f0f5c2e-8a4b-5d6e-9f00-112233445566";

const dealer = {
  kind: "dealer",
  name: " 北京星辰电脑有限公司 ",
  taxId: "91110000600037341l",
  ownerBranchId: branchId,
  tier: "silver",
  region: "north",
  province: "北京市",
  city: "北京市",
  phone: "010 62345678",
  creditLimit: "200,000.00",
  paymentTermsDays: "30",
};

describe("organizationInput", () => {
  it("normalises a valid dealer", () => {
    expect(organizationInput.parse(dealer)).toMatchObject({
      kind: "dealer",
      name: "北京星辰电脑有限公司",
      taxId: "91110000600037341L",
      phone: "010-62345678",
      status: "active",
      creditLimit: 20000000n,
      paymentTermsDays: 30,
    });
  });

  it("requires taxId, ownerBranchId, province, city, phone and tier of a dealer", () => {
    expect(errorsOf(organizationInput, { kind: "dealer", name: "某经销商" })).toEqual({
      taxId: ["validation.required"],
      ownerBranchId: ["validation.required"],
      province: ["validation.required"],
      city: ["validation.required"],
      phone: ["validation.required"],
      tier: ["validation.required"],
    });
  });

  it.each(["taxId", "ownerBranchId", "province", "city", "phone", "tier"] as const)(
    "a dealer without %s is missing exactly that field",
    (field) => {
      expect(errorsOf(organizationInput, { ...dealer, [field]: "" })).toEqual({ [field]: ["validation.required"] });
    },
  );

  it.each(["agent", "master_distributor"] as const)("requires a tier of a %s too", (kind) => {
    expect(errorsOf(organizationInput, { ...dealer, kind, tier: undefined })).toEqual({ tier: ["validation.required"] });
  });

  it.each(["key_account", "repair_station"] as const)("needs no tier for a %s", (kind) => {
    expect(errorsOf(organizationInput, { ...dealer, kind, tier: "" })).toBeNull();
  });

  it("requires region, city and phone of a branch, nothing else", () => {
    expect(errorsOf(organizationInput, { kind: "branch", name: "成都分公司" })).toEqual({
      region: ["validation.required"],
      city: ["validation.required"],
      phone: ["validation.required"],
    });
    expect(
      errorsOf(organizationInput, { kind: "branch", name: "成都分公司", region: "southwest", city: "成都市", phone: "028-86543210" }),
    ).toBeNull();
  });

  it("reports malformed values under their own field", () => {
    expect(
      errorsOf(organizationInput, {
        ...dealer,
        taxId: "91110000600037341K",
        phone: "12345",
        ownerBranchId: "BJ",
        tier: "platinum",
        creditLimit: "1.234",
        paymentTermsDays: "400",
      }),
    ).toEqual({
      taxId: ["validation.creditCode"],
      phone: ["validation.phone"],
      ownerBranchId: ["validation.invalid"],
      tier: ["validation.invalid"],
      creditLimit: ["validation.money"],
      paymentTermsDays: ["validation.range"],
    });
  });

  it("requires kind and name", () => {
    expect(errorsOf(organizationInput, {})).toMatchObject({ kind: ["validation.required"], name: ["validation.required"] });
    expect(errorsOf(organizationInput, { ...dealer, name: "   " })).toEqual({ name: ["validation.required"] });
  });

  it("refuses the company kind", () => {
    expect(errorsOf(organizationInput, { ...dealer, kind: "company" })).toEqual({ kind: ["validation.required"] });
  });
});
