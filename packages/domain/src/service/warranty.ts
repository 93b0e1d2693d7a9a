import { addDays, addMonths } from "../shared/dates";
import type { WarrantySource, WarrantyStatus } from "@cs/db";

/** What our records say about one serial; gathered by warranty-facts.ts, decided here. */
export type WarrantyFacts = {
  /** yyyy-mm-dd, Asia/Shanghai */
  today: string;
  warrantyMonths: number;
  /** The end customer's purchase date when known: a sell-out report, or a registration with proof. */
  purchase: { on: string; source: "sell_out" | "registration" } | null;
  /** When the distributor shipped the serial to the channel. */
  shippedOn: string | null;
  shipmentGraceDays: number;
  /** Contracts on record for this serial (standard ones materialised earlier, extended ones sold). */
  contracts: { id: string; kind: "standard" | "extended"; startsOn: string; endsOn: string }[];
};

export type WarrantyDecision = {
  status: WarrantyStatus;
  /** Translation key of the reason shown to the customer at once. */
  reason: string;
  startsOn: string | null;
  endsOn: string | null;
  source: WarrantySource | null;
  contractId: string | null;
  needsManualCheck: boolean;
};


/**
 * The standard warranty runs `warrantyMonths` from the purchase date when known, else from the
 * shipment date plus the grace period; its last covered day is the day before the same date
 * `warrantyMonths` later. Never a manual tick-box.
 */
export function standardWarranty(facts: Pick<WarrantyFacts, "warrantyMonths" | "purchase" | "shippedOn" | "shipmentGraceDays">) {
  let startsOn: string;
  let source: WarrantySource;
  if (facts.purchase) {
    startsOn = facts.purchase.on;
    source = facts.purchase.source;
  } else if (facts.shippedOn) {
    startsOn = addDays(facts.shippedOn, facts.shipmentGraceDays);
    source = "shipment_grace";
  } else return null;
  return { startsOn, endsOn: addDays(addMonths(startsOn, facts.warrantyMonths), -1), source };
}

export function decideWarranty(facts: WarrantyFacts): WarrantyDecision {
  const covers = (c: { startsOn: string; endsOn: string }) => c.startsOn <= facts.today && facts.today <= c.endsOn;
  const standard = standardWarranty(facts);
  if (standard && covers(standard)) {
    return { status: "in_warranty", reason: `service.warranty.reason.${standard.source}`, ...standard, contractId: null, needsManualCheck: false };
  }
  const storedStandard = facts.contracts.find((c) => c.kind === "standard" && covers(c));
  if (storedStandard) {
    return { status: "in_warranty", reason: "service.warranty.reason.contract", startsOn: storedStandard.startsOn, endsOn: storedStandard.endsOn, source: null, contractId: storedStandard.id, needsManualCheck: false };
  }
  // the extended contract that runs longest wins when several overlap
  const extended = facts.contracts
    .filter((c) => c.kind === "extended" && covers(c))
    .sort((a, b) => (a.endsOn < b.endsOn ? 1 : a.endsOn > b.endsOn ? -1 : 0))[0];
  if (extended) {
    return { status: "extended", reason: "service.warranty.reason.extended", startsOn: extended.startsOn, endsOn: extended.endsOn, source: "extended_order", contractId: extended.id, needsManualCheck: false };
  }
  if (!standard && facts.contracts.length === 0) {
    return { status: "unknown", reason: "service.warranty.reason.unknownSerial", startsOn: null, endsOn: null, source: null, contractId: null, needsManualCheck: true };
  }
  const lastEnd = [standard?.endsOn, ...facts.contracts.map((c) => c.endsOn)].filter((d): d is string => !!d).sort().at(-1) ?? null;
  if (standard && facts.today < standard.startsOn) {
    // shipped but the grace period has not run out: the customer's device is new, cover it
    return { status: "in_warranty", reason: "service.warranty.reason.beforeStart", ...standard, contractId: null, needsManualCheck: false };
  }
  return { status: "expired", reason: "service.warranty.reason.expired", startsOn: standard?.startsOn ?? null, endsOn: lastEnd, source: standard?.source ?? null, contractId: null, needsManualCheck: false };
}
