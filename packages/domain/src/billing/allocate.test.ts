import { describe, expect, it } from "vitest";
import { ValidationError } from "../shared/errors";
import { oldestFirst, planAllocation, type OpenInvoice } from "./allocate";

const inv = (id: string, outstandingFen: bigint, dueOn: string, issuedOn = "2026-01-01", number = `INV-${id}`): OpenInvoice => ({
  id,
  outstandingFen,
  dueOn,
  issuedOn,
  number,
});
// due order: B (Feb), A (Mar), C (Apr)
const open = [inv("A", 10_000n, "2026-03-01"), inv("B", 5_000n, "2026-02-01"), inv("C", 20_000n, "2026-04-01")];

type Ok = [name: string, amountFen: bigint, explicit: [string, bigint][] | undefined, keep: boolean, allocations: [string, bigint][], unallocatedFen: bigint];
const ok: Ok[] = [
  ["oldest first, exactly one invoice", 5_000n, undefined, false, [["B", 5_000n]], 0n],
  ["oldest first, partial on the first", 1n, undefined, false, [["B", 1n]], 0n],
  ["oldest first, across two with a partial second", 8_000n, undefined, false, [["B", 5_000n], ["A", 3_000n]], 0n],
  ["oldest first, everything exactly", 35_000n, undefined, false, [["B", 5_000n], ["A", 10_000n], ["C", 20_000n]], 0n],
  ["oldest first, one fen over kept as credit", 35_001n, undefined, true, [["B", 5_000n], ["A", 10_000n], ["C", 20_000n]], 1n],
  ["explicit, partial on a newer invoice", 3_000n, [["C", 3_000n]], false, [["C", 3_000n]], 0n],
  ["explicit, several invoices", 12_000n, [["A", 10_000n], ["C", 2_000n]], false, [["A", 10_000n], ["C", 2_000n]], 0n],
  ["explicit, full outstanding", 20_000n, [["C", 20_000n]], false, [["C", 20_000n]], 0n],
  ["explicit, rest kept as credit", 50_000n, [["A", 10_000n]], true, [["A", 10_000n]], 40_000n],
  ["no open invoices, all credit", 7_000n, undefined, true, [], 7_000n],
];

describe("planAllocation", () => {
  it.each(ok)("%s", (_name, amountFen, explicit, keep, allocations, unallocatedFen) => {
    const plan = planAllocation({
      amountFen,
      invoices: _name.startsWith("no open") ? [] : open,
      explicit: explicit?.map(([invoiceId, a]) => ({ invoiceId, amountFen: a })),
      keepRemainderAsCredit: keep,
    });
    expect(plan.allocations).toEqual(allocations.map(([invoiceId, a]) => ({ invoiceId, amountFen: a })));
    expect(plan.unallocatedFen).toBe(unallocatedFen);
    expect(plan.allocations.reduce((s, a) => s + a.amountFen, 0n) + plan.unallocatedFen).toBe(amountFen);
  });

  type Bad = [name: string, amountFen: bigint, explicit: [string, bigint][] | undefined, keep: boolean, field: string, key: string];
  const bad: Bad[] = [
    ["zero payment", 0n, undefined, true, "amount", "billing.validation.amountPositive"],
    ["negative payment", -100n, undefined, true, "amount", "billing.validation.amountPositive"],
    ["oldest first, one fen more than outstanding without saying where", 35_001n, undefined, false, "keepRemainderAsCredit", "billing.validation.remainderUnassigned"],
    ["explicit, less allocated than paid without saying where", 10_000n, [["A", 9_999n]], false, "keepRemainderAsCredit", "billing.validation.remainderUnassigned"],
    ["explicit, one fen over an invoice's outstanding", 10_001n, [["A", 10_001n]], true, "allocations.0.amount", "billing.validation.moreThanOutstanding"],
    ["explicit, zero on a line", 10_000n, [["A", 0n]], true, "allocations.0.amount", "billing.validation.amountPositive"],
    ["explicit, negative on a line", 10_000n, [["A", 10_000n], ["B", -1n]], true, "allocations.1.amount", "billing.validation.amountPositive"],
    ["explicit, an invoice that is not open", 10_000n, [["Z", 1_000n]], true, "allocations.0.invoiceId", "billing.validation.invoiceNotOpen"],
    ["explicit, the same invoice twice", 10_000n, [["A", 1_000n], ["A", 1_000n]], true, "allocations.1.invoiceId", "billing.validation.invoiceNotOpen"],
    ["explicit, more allocated than paid", 10_000n, [["A", 6_000n], ["C", 4_001n]], true, "allocations", "billing.validation.allocatedMoreThanPaid"],
  ];
  it.each(bad)("refuses %s", (_name, amountFen, explicit, keep, field, key) => {
    let caught: unknown;
    try {
      planAllocation({ amountFen, invoices: open, explicit: explicit?.map(([invoiceId, a]) => ({ invoiceId, amountFen: a })), keepRemainderAsCredit: keep });
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).fieldErrors[field]).toEqual([key]);
  });
});

describe("oldestFirst", () => {
  it("orders by due date, then issue date, then number", () => {
    const rows = [inv("x", 1n, "2026-02-01", "2026-01-02", "INV-2"), inv("y", 1n, "2026-02-01", "2026-01-01", "INV-3"), inv("z", 1n, "2026-02-01", "2026-01-01", "INV-1"), inv("w", 1n, "2026-01-31")];
    expect(oldestFirst(rows).map((r) => r.id)).toEqual(["w", "z", "y", "x"]);
  });
});
