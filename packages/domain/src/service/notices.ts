import { eq } from "drizzle-orm";
import { repairRequests, type Transaction } from "@cs/db";
import { notify, type Audience } from "../notifications/notify";

type Who = "desk" | "station" | "filer";

/**
 * Which timeline events are announced, and to whom: a new request, and one a station declined
 * (unassigned again), to the service desk; an assignment and an escalation to the station's
 * people; a quote and a finished repair to the customer (or the dealer who filed it), and the
 * customer's answer to the quote back to the station; a closed or cancelled request to the station
 * that had it.
 */
export const repairNoticeAudiences: Readonly<Record<string, readonly Who[]>> = {
  filed: ["desk"],
  declined: ["desk"],
  assigned: ["station"],
  reassigned: ["station"],
  escalated: ["station"],
  quoted: ["filer"],
  quote_approved: ["station"],
  quote_refused: ["station"],
  ready: ["filer"],
  closed: ["station"],
  cancelled: ["station"],
};

/**
 * In-app notices (and e-mails through the outbox) for a repair request's event, in the caller's
 * transaction so they exist exactly when the change commits; the actor is left out. Kind
 * `repair.<event>`, params carry the request number. Events without an audience cost nothing.
 */
export async function notifyRepairEvent(tx: Transaction, input: { requestId: string; event: string; actorId: string | null }): Promise<void> {
  const who = repairNoticeAudiences[input.event];
  if (!who) return;
  const [req] = await tx
    .select({ number: repairRequests.number, organizationId: repairRequests.organizationId, endCustomerId: repairRequests.endCustomerId, stationId: repairRequests.stationId })
    .from(repairRequests)
    .where(eq(repairRequests.id, input.requestId));
  if (!req) return;
  const audiences: Audience[] = [];
  if (who.includes("desk")) audiences.push({ staffRoles: ["service_desk"] });
  if (who.includes("station") && req.stationId) audiences.push({ organizationId: req.stationId, permission: "station_service:work" });
  if (who.includes("filer")) {
    audiences.push({ endCustomerId: req.endCustomerId });
    if (req.organizationId) audiences.push({ organizationId: req.organizationId, permission: "own_service:file" });
  }
  await notify(tx, { audiences, kind: `repair.${input.event}`, entityType: "repair", entityId: input.requestId, params: { number: req.number }, exceptUserId: input.actorId });
}
