import { and, eq, or } from "drizzle-orm";
import { complaints, endCustomers, orders, organizations, repairRequests, users, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize } from "../access/authorize";
import { orderScope, organizationScope, serviceScope } from "../access/scopes";
import { notify } from "../notifications/notify";
import { loadBusinessCalendar } from "../service/calendar/load";
import { addBusinessHours } from "../service/sla";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { shanghaiYear } from "../shared/dates";
import { nextDocumentNumber } from "../shared/document-number";
import { ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { complaintSlaHours, fileComplaintInput } from "./inputs";

type Input = ReturnType<typeof fileComplaintInput.parse>;
type Party = { organizationId: string | null; endCustomerId: string | null; branchId: string | null; ownerId: string | null };

const invalid = (field: string, key: string) => new ValidationError({ [field]: [key] }, key);

/** Who complains: the partner or customer itself, or the one staff name (an account in their scope). */
async function partyOf(tx: Transaction, actor: Actor, input: Input): Promise<Party> {
  if (actor.kind === "partner") {
    authorize(actor, "own_complaint:file");
    const [org] = await tx.select({ branchId: organizations.ownerBranchId, ownerId: organizations.accountOwnerId }).from(organizations).where(eq(organizations.id, actor.organizationId!));
    return { organizationId: actor.organizationId, endCustomerId: null, branchId: org?.branchId ?? null, ownerId: org?.ownerId ?? null };
  }
  if (actor.kind === "customer") {
    authorize(actor, "own_complaint:file");
    if (input.orderId) throw invalid("orderId", "complaints.errors.orderNotFound");
    return { organizationId: null, endCustomerId: actor.endCustomerId, branchId: null, ownerId: null };
  }
  authorize(actor, "complaint:manage");
  if (input.organizationId) {
    const [org] = isUuid(input.organizationId)
      ? await tx
          .select({ branchId: organizations.ownerBranchId, ownerId: organizations.accountOwnerId })
          .from(organizations)
          .where(and(eq(organizations.id, input.organizationId), organizationScope(actor)))
      : [];
    if (!org) throw invalid("organizationId", "complaints.errors.partyRequired");
    return { organizationId: input.organizationId, endCustomerId: null, branchId: org.branchId, ownerId: org.ownerId };
  }
  if (input.endCustomerId) {
    const [ec] = isUuid(input.endCustomerId) ? await tx.select({ id: endCustomers.id }).from(endCustomers).where(eq(endCustomers.id, input.endCustomerId)) : [];
    if (!ec) throw invalid("endCustomerId", "complaints.errors.partyRequired");
    return { organizationId: null, endCustomerId: ec.id, branchId: null, ownerId: null };
  }
  throw invalid("organizationId", "complaints.errors.partyRequired");
}

/** The order or repair request it is about must be the complainant's own, and visible to the actor. */
async function checkLinks(tx: Transaction, actor: Actor, input: Input, party: Party): Promise<Party> {
  if (input.orderId) {
    const [o] = isUuid(input.orderId) && party.organizationId
      ? await tx.select({ id: orders.id }).from(orders).where(and(eq(orders.id, input.orderId), eq(orders.organizationId, party.organizationId), orderScope(actor)))
      : [];
    if (!o) throw invalid("orderId", "complaints.errors.orderNotFound");
  }
  if (!input.repairRequestId) return party;
  const [r] = isUuid(input.repairRequestId)
    ? await tx
        .select({ stationBranch: organizations.ownerBranchId })
        .from(repairRequests)
        .leftJoin(organizations, eq(organizations.id, repairRequests.stationId))
        .where(
          and(
            eq(repairRequests.id, input.repairRequestId),
            serviceScope(actor),
            or(party.organizationId ? eq(repairRequests.organizationId, party.organizationId) : undefined, party.endCustomerId ? eq(repairRequests.endCustomerId, party.endCustomerId) : undefined),
          ),
        )
    : [];
  if (!r) throw invalid("repairRequestId", "complaints.errors.repairNotFound");
  // a customer's own complaint about a repair belongs to the station's branch
  return { ...party, branchId: party.branchId ?? r.stationBranch };
}

async function checkOwner(tx: Transaction, ownerId: string): Promise<string> {
  const [u] = isUuid(ownerId) ? await tx.select({ id: users.id }).from(users).where(and(eq(users.id, ownerId), eq(users.kind, "staff"), eq(users.status, "active"))) : [];
  if (!u) throw invalid("ownerId", "complaints.errors.ownerNotStaff");
  return u.id;
}

/**
 * Files a complaint (投诉): by a partner or an end customer for itself, or by staff for an account
 * in their scope; linked to one of the complainant's orders or repairs; owned by the named staff
 * user or the account's owner; due within the severity's business hours on the service calendar.
 * The owner hears of it in-app and by e-mail. Audited; the same submission twice files once.
 */
export async function fileComplaint(ctx: Ctx, raw: unknown, now = new Date()) {
  const input = parseInput(fileComplaintInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const party = await checkLinks(tx, ctx.actor, input, await partyOf(tx, ctx.actor, input));
      const ownerId = ctx.actor.kind === "staff" && input.ownerId ? await checkOwner(tx, input.ownerId) : party.ownerId;
      const dueAt = addBusinessHours(now, complaintSlaHours[input.severity], await loadBusinessCalendar(tx));
      const number = await nextDocumentNumber(tx, "TS", shanghaiYear(now));
      const [row] = await tx
        .insert(complaints)
        .values({
          number,
          organizationId: party.organizationId,
          endCustomerId: party.endCustomerId,
          branchId: party.branchId,
          orderId: input.orderId ?? null,
          repairRequestId: input.repairRequestId ?? null,
          category: input.category,
          severity: input.severity,
          subject: input.subject,
          description: input.description,
          ownerId,
          dueAt,
          filedBy: ctx.actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      const c = row!;
      await recordAudit(tx, ctx.actor, { action: "complaint.file", entity: "complaint", entityId: c.id, after: { number, category: c.category, severity: c.severity, ownerId, dueAt } });
      await notify(tx, {
        audiences: ownerId ? [{ userIds: [ownerId] }] : [{ branchId: party.branchId, roles: ["sales"] }, { staffRoles: ["service_desk"] }],
        kind: "complaint.filed",
        entityType: "complaint",
        entityId: c.id,
        params: { number, subject: c.subject },
        exceptUserId: ctx.actor.userId,
      });
      return { id: c.id, number, dueAt };
    });
    return result;
  });
}
