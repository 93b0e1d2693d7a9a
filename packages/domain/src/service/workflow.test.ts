import { repairStatuses } from "@cs/db";
import { describe, expect, it } from "vitest";
import { buildActor } from "../access/actor";
import { allowedTransitions, isLegalTransition, repairTransitions } from "./workflow";

const station = "00000000-0000-4000-8000-000000000001";
const otherStation = "00000000-0000-4000-8000-000000000002";
const dealer = "00000000-0000-4000-8000-000000000003";
const customerId = "00000000-0000-4000-8000-000000000004";

const actor = (kind: "staff" | "partner" | "customer", roles: string[], org: string | null = null, endCustomerId: string | null = null) =>
  buildActor({ userId: "u", kind, displayName: "x", organizationId: org, endCustomerId, roles, branchIds: [], divisionIds: [] });

const desk = actor("staff", ["service_desk"]);
const tech = actor("partner", ["technician"], station);
const otherTech = actor("partner", ["technician"], otherStation);
const customer = actor("customer", ["customer"], null, customerId);
const dealerAdmin = actor("partner", ["partner_admin"], dealer);
const sales = actor("staff", ["sales"]);

const req = (status: (typeof repairStatuses)[number], organizationId: string | null = null) => ({ status, endCustomerId: customerId, organizationId, stationId: station });

describe("repair workflow table", () => {
  it("the happy path is legal step by step", () => {
    const path = ["submitted", "accepted", "received", "diagnosing", "awaiting_parts", "repairing", "ready", "returned", "closed"] as const;
    for (let i = 1; i < path.length; i++) expect(isLegalTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it.each([
    ["submitted", "received"],
    ["received", "cancelled"],
    ["diagnosing", "closed"],
    ["closed", "submitted"],
    ["cancelled", "accepted"],
    ["ready", "repairing"],
  ] as const)("%s → %s is illegal", (from, to) => expect(isLegalTransition(from, to)).toBe(false));

  it("every state is in the table and final states lead nowhere", () => {
    expect(Object.keys(repairTransitions).sort()).toEqual([...repairStatuses].sort());
    expect(repairTransitions.closed).toEqual([]);
    expect(repairTransitions.cancelled).toEqual([]);
  });

  it.each([
    ["assigned station's technician, submitted", tech, req("submitted"), ["accepted"]],
    ["another station's technician", otherTech, req("submitted"), []],
    ["customer before receipt may cancel", customer, req("submitted"), ["cancelled"]],
    ["customer after receipt may not", customer, req("received"), []],
    ["customer closes a returned request", customer, req("returned"), ["closed"]],
    ["desk accepts or cancels", desk, req("submitted"), ["accepted", "cancelled"]],
    ["station works diagnosing", tech, req("diagnosing"), ["awaiting_parts", "repairing", "ready"]],
    ["filing dealer may cancel its request", dealerAdmin, req("accepted", dealer), ["cancelled"]],
    ["a dealer that did not file may not", dealerAdmin, req("accepted"), []],
    ["staff without service permissions", sales, req("submitted"), []],
  ])("%s", (_name, who, request, expected) => {
    expect(allowedTransitions(who, request)).toEqual(expected);
  });
});
