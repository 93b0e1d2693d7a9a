import type { RepairStatus } from "@cs/db";
import type { Actor } from "../access/actor";
import { can } from "../access/authorize";

/**
 * Who may take a step: the customer or dealer who filed (filer), the assigned repair station
 * (its admin or technicians), or the service desk.
 */
export type ServiceAudience = "filer" | "station" | "desk";

export type Transition = { to: RepairStatus; by: readonly ServiceAudience[] };

/**
 * THE repair workflow, defined once: from each state, the next states and who may move there.
 * Both the buttons shown and the server's check read this table.
 */
export const repairTransitions: Record<RepairStatus, readonly Transition[]> = {
  submitted: [
    { to: "accepted", by: ["station", "desk"] },
    { to: "cancelled", by: ["filer", "desk"] },
  ],
  accepted: [
    { to: "received", by: ["station"] },
    { to: "cancelled", by: ["filer", "desk"] },
  ],
  received: [{ to: "diagnosing", by: ["station"] }],
  diagnosing: [
    { to: "awaiting_parts", by: ["station"] },
    { to: "repairing", by: ["station"] },
    // nothing to repair, or the customer refused the quote: back to the customer as it is
    { to: "ready", by: ["station"] },
  ],
  awaiting_parts: [{ to: "repairing", by: ["station"] }],
  repairing: [
    { to: "awaiting_parts", by: ["station"] },
    { to: "ready", by: ["station"] },
  ],
  ready: [{ to: "returned", by: ["station"] }],
  returned: [{ to: "closed", by: ["filer", "desk"] }],
  closed: [],
  cancelled: [],
};

/** States in which the station still owes work (its live queue). */
export const openRepairStatuses = ["submitted", "accepted", "received", "diagnosing", "awaiting_parts", "repairing", "ready"] as const satisfies readonly RepairStatus[];

/** The customer may cancel only before the device is received. */
export const cancellableStatuses: readonly RepairStatus[] = ["submitted", "accepted"];

type RequestParties = { endCustomerId: string; organizationId: string | null; stationId: string | null };

/** The audiences this actor speaks for on this request (already known to be in its scope). */
export function audiencesOf(actor: Actor, req: RequestParties): ServiceAudience[] {
  const out: ServiceAudience[] = [];
  if (actor.kind === "staff" && can(actor, "service:manage")) out.push("desk");
  if (actor.kind === "partner" && actor.organizationId) {
    if (can(actor, "station_service:work") && req.stationId === actor.organizationId) out.push("station");
    if (can(actor, "own_service:file") && req.organizationId === actor.organizationId) out.push("filer");
  }
  if (actor.kind === "customer" && can(actor, "own_service:file") && actor.endCustomerId === req.endCustomerId) out.push("filer");
  return out;
}

/** The next states this actor may move the request to, in table order: what the buttons show. */
export function allowedTransitions(actor: Actor, req: RequestParties & { status: RepairStatus }): RepairStatus[] {
  const mine = new Set(audiencesOf(actor, req));
  return repairTransitions[req.status].filter((t) => t.by.some((a) => mine.has(a))).map((t) => t.to);
}

export function isLegalTransition(from: RepairStatus, to: RepairStatus) {
  return repairTransitions[from].some((t) => t.to === to);
}
