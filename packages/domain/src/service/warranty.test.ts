import { describe, expect, it } from "vitest";
import { addMonths } from "../shared/dates";
import { decideWarranty, type WarrantyFacts } from "./warranty";

const base: WarrantyFacts = { today: "2026-06-15", warrantyMonths: 12, purchase: null, shippedOn: null, shipmentGraceDays: 90, contracts: [] };

describe("decideWarranty", () => {
  it.each([
    // purchase known (sell-out): 12 months → last covered day is the day before the anniversary
    ["last covered day", { purchase: { on: "2025-06-16", source: "sell_out" as const } }, "in_warranty", "service.warranty.reason.sell_out", "2026-06-15"],
    ["day after the end", { purchase: { on: "2025-06-15", source: "sell_out" as const } }, "expired", "service.warranty.reason.expired", "2026-06-14"],
    ["registration with proof", { purchase: { on: "2026-01-01", source: "registration" as const } }, "in_warranty", "service.warranty.reason.registration", "2026-12-31"],
    ["purchase date on today", { purchase: { on: "2026-06-15", source: "registration" as const } }, "in_warranty", "service.warranty.reason.registration", "2027-06-14"],
    // no purchase date: shipment + 90 grace days
    ["shipment + grace still covers", { shippedOn: "2025-03-18" }, "in_warranty", "service.warranty.reason.shipment_grace", "2026-06-15"],
    ["shipment + grace ran out", { shippedOn: "2025-03-17" }, "expired", "service.warranty.reason.expired", "2026-06-14"],
    ["grace not over yet", { shippedOn: "2026-06-01" }, "in_warranty", "service.warranty.reason.beforeStart", "2027-08-29"],
    ["grace days are configurable", { shippedOn: "2025-03-17", shipmentGraceDays: 91 }, "in_warranty", "service.warranty.reason.shipment_grace", "2026-06-15"],
    ["purchase wins over shipment", { purchase: { on: "2025-01-01", source: "sell_out" as const }, shippedOn: "2025-12-01" }, "expired", "service.warranty.reason.expired", "2025-12-31"],
    ["36-month product", { purchase: { on: "2023-06-16", source: "sell_out" as const }, warrantyMonths: 36 }, "in_warranty", "service.warranty.reason.sell_out", "2026-06-15"],
  ])("%s", (_name, over, status, reason, endsOn) => {
    const d = decideWarranty({ ...base, ...over });
    expect(d.status).toBe(status);
    expect(d.reason).toBe(reason);
    expect(d.endsOn).toBe(endsOn);
    expect(d.needsManualCheck).toBe(false);
  });

  it("an extended contract covers after the standard warranty ended", () => {
    const d = decideWarranty({
      ...base,
      purchase: { on: "2024-01-10", source: "sell_out" },
      contracts: [
        { id: "c1", kind: "extended", startsOn: "2025-01-10", endsOn: "2026-01-09" },
        { id: "c2", kind: "extended", startsOn: "2025-01-10", endsOn: "2027-01-09" },
      ],
    });
    expect(d).toMatchObject({ status: "extended", contractId: "c2", endsOn: "2027-01-09", reason: "service.warranty.reason.extended" });
  });

  it("an extended contract that ended yesterday does not cover", () => {
    const d = decideWarranty({ ...base, contracts: [{ id: "c1", kind: "extended", startsOn: "2025-06-15", endsOn: "2026-06-14" }] });
    expect(d).toMatchObject({ status: "expired", endsOn: "2026-06-14", needsManualCheck: false });
  });

  it("an extended contract starting tomorrow does not cover yet", () => {
    const d = decideWarranty({ ...base, shippedOn: "2020-01-01", contracts: [{ id: "c1", kind: "extended", startsOn: "2026-06-16", endsOn: "2027-06-15" }] });
    expect(d.status).toBe("expired");
  });

  it("the standard warranty wins over an extended contract while it runs", () => {
    const d = decideWarranty({ ...base, purchase: { on: "2026-01-01", source: "registration" }, contracts: [{ id: "c1", kind: "extended", startsOn: "2026-01-01", endsOn: "2028-12-31" }] });
    expect(d).toMatchObject({ status: "in_warranty", contractId: null });
  });

  it("a stored standard contract covers when no facts are left", () => {
    const d = decideWarranty({ ...base, contracts: [{ id: "s1", kind: "standard", startsOn: "2026-01-01", endsOn: "2026-12-31" }] });
    expect(d).toMatchObject({ status: "in_warranty", contractId: "s1", reason: "service.warranty.reason.contract" });
  });

  it("an unknown serial is accepted but flagged for a manual check", () => {
    const d = decideWarranty(base);
    expect(d).toEqual({ status: "unknown", reason: "service.warranty.reason.unknownSerial", startsOn: null, endsOn: null, source: null, contractId: null, needsManualCheck: true });
  });
});

describe("addMonths", () => {
  it.each([
    ["2025-01-31", 1, "2025-02-28"],
    ["2024-01-31", 1, "2024-02-29"],
    ["2024-02-29", 12, "2025-02-28"],
    ["2025-11-15", 3, "2026-02-15"],
  ])("%s + %i months = %s", (day, months, expected) => expect(addMonths(day, months)).toBe(expected));
});
