import { describe, expect, it } from "vitest";
import { buildBillingData } from "./billing";
import { buildDemoData } from "./demo";

describe("demo billing seed", () => {
  const demo = buildDemoData();
  const data = buildBillingData(demo, "2026-11-27");
  const codeOf = new Map(demo.organizations.map((o) => [o.id, o.code]));

  it("leaves the sign-in partners' ledgers empty and gives a dozen others receivables", () => {
    const partners = new Set(data.invoices.map((i) => codeOf.get(i.organizationId)));
    expect(partners.size).toBe(12);
    for (const code of ["DL-0001", "DL-0002", "AG-001", "MD-001"]) expect(partners.has(code)).toBe(false);
  });

  it("is consistent: VAT half-up per line, settled within total and equal to the allocations, numbers gap-free", () => {
    for (const [i, inv] of data.invoices.entries()) {
      const line = data.invoiceLines[i]!;
      expect(line.grossFen).toBe(inv.totalFen);
      const exact = (Number(inv.totalFen) * 13) / 113;
      expect(Math.abs(Number(inv.taxFen) - exact)).toBeLessThanOrEqual(0.5);
      expect(inv.netFen! + inv.taxFen!).toBe(inv.totalFen);
      const allocated = data.allocations.filter((a) => a.invoiceId === inv.id).reduce((s, a) => s + a.amountFen, 0n);
      expect(inv.settledFen).toBe(allocated);
      expect(allocated <= inv.totalFen).toBe(true);
      expect(inv.issuedOn <= "2026-11-27" && inv.dueOn >= inv.issuedOn).toBe(true);
    }
    const numbers = data.invoices.map((i) => i.number).sort();
    expect(numbers).toEqual(numbers.map((_, i) => `INV-2026-${String(i + 1).padStart(6, "0")}`));
    expect(data.sequences).toContainEqual({ prefix: "INV", year: 2026, lastValue: numbers.length });
    expect(data.payments.every((p) => p.receivedOn <= "2026-11-27")).toBe(true);
    expect(data.invoices.some((i) => i.settledFen === 0n) && data.invoices.some((i) => i.settledFen === i.totalFen)).toBe(true);
  });

  it("is deterministic", () => {
    expect(buildBillingData(demo, "2026-11-27")).toEqual(data);
  });
});
