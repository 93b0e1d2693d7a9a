import { describe, expect, it } from "vitest";
import { programInputFromForm, programInputFromStored } from "./program-form.server";

const formOf = (entries: [string, string][]) => {
  const form = new FormData();
  for (const [k, v] of entries) form.append(k, v);
  return form;
};

describe("programInputFromForm", () => {
  it("pairs the parallel tier fields row by row, trims them and drops rows left blank", () => {
    const input = programInputFromForm(
      formOf([
        ["code", "RB-2026"],
        ["tierMin", " 80 "],
        ["tierRate", "1.5"],
        ["tierMin", ""],
        ["tierRate", ""],
        ["tierMin", "100"],
        ["tierRate", " 3 "],
        ["tierMin", ""],
        ["tierRate", "4"],
        ["onTimeMin", "90"],
        ["multiplier", "110"],
        ["onTimeMin", " "],
        ["multiplier", ""],
      ]),
    );
    expect(input.tiers).toEqual([
      { minCompletion: "80", rate: "1.5" },
      { minCompletion: "100", rate: "3" },
      // half a row stays, so the domain can say which half is missing
      { minCompletion: "", rate: "4" },
    ]);
    expect(input.multiplierTiers).toEqual([{ minOnTime: "90", multiplier: "110" }]);
  });

  it("keeps every ticked tier and branch, and leaves absent fields undefined rather than empty", () => {
    const input = programInputFromForm(
      formOf([
        ["eligibleTiers", "gold"],
        ["eligibleTiers", "silver"],
        ["eligibleBranchIds", "b1"],
        ["name", "年度返利"],
      ]),
    );
    expect(input).toMatchObject({ name: "年度返利", eligibleTiers: ["gold", "silver"], eligibleBranchIds: ["b1"], code: undefined, cap: undefined, tiers: [], multiplierTiers: [] });
  });

  it("ignores a file posted in place of a text field", () => {
    const form = formOf([["tierMin", "80"]]);
    form.append("tierRate", new File(["2"], "rate.txt"));
    form.append("code", new File(["x"], "code.txt"));
    const input = programInputFromForm(form);
    expect(input.code).toBeUndefined();
    expect(input.tiers).toEqual([{ minCompletion: "80", rate: "" }]);
  });
});

describe("programInputFromStored", () => {
  it("gives back a frozen program's rules in the form's units: percent from basis points, yuan from fen", () => {
    const input = programInputFromStored(
      {
        code: "RB-1",
        name: "季度返利",
        nameEn: "Quarterly rebate",
        status: "active",
        periodStart: "2026-01-01",
        periodEnd: "2026-03-31",
        basis: "purchases",
        method: "tiered",
        divisionId: null,
        productLineId: "pl-1",
        includeSubtree: true,
        eligibleTiers: ["gold"],
        eligibleBranchIds: [],
        tiers: [
          { minCompletionBp: 8_000, rateBp: 150 },
          { minCompletionBp: 10_050, rateBp: 5 },
        ],
        multiplierTiers: null,
        capFen: 1_234_507n,
      },
      ["DL-0001", "DL-0002"],
    );
    expect(input).toMatchObject({
      nameEn: "Quarterly rebate",
      divisionId: undefined,
      productLineId: "pl-1",
      eligiblePartners: "DL-0001 DL-0002",
      tiers: [
        { minCompletion: "80.00", rate: "1.50" },
        { minCompletion: "100.50", rate: "0.05" },
      ],
      multiplierTiers: [],
      cap: "12345.07",
    });
  });

  it("leaves the cap empty when there is none", () => {
    const stored = { code: "c", name: "n", nameEn: null, status: "draft", periodStart: "", periodEnd: "", basis: "b", method: "m", divisionId: "d", productLineId: null, includeSubtree: false, eligibleTiers: [], eligibleBranchIds: [], tiers: [], multiplierTiers: [{ minOnTimeBp: 9_000, multiplierBp: 12_000 }], capFen: null };
    expect(programInputFromStored(stored, [])).toMatchObject({ cap: undefined, divisionId: "d", eligiblePartners: "", multiplierTiers: [{ minOnTime: "90.00", multiplier: "120.00" }] });
  });
});
