import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { addresses, auditLog, contacts, organizationParents, organizations, users } from "@cs/db";
import { can } from "../access/authorize";
import { organizationEditScope, organizationScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";

/**
 * The organization if this actor may see it (`forUpdate`: edit it, which a read-only share does not
 * allow), else NotFoundError: existence is never hinted.
 */
export async function findOrganizationInScope(ctx: Ctx, id: string, options: { forUpdate?: boolean } = {}) {
  if (!isUuid(id)) throw new NotFoundError("organization");
  const q = ctx.db
    .select()
    .from(organizations)
    .where(and(eq(organizations.id, id), options.forUpdate ? organizationEditScope(ctx.actor) : organizationScope(ctx.actor)));
  const [row] = options.forUpdate ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("organization");
  return row;
}

/** Whether this actor may edit the organization (its scope, or an edit share; a read share is not enough). */
export async function mayEditOrganization(ctx: Ctx, id: string) {
  if (!isUuid(id) || !can(ctx.actor, "organization:update")) return false;
  const [row] = await ctx.db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.id, id), organizationEditScope(ctx.actor)));
  return !!row;
}

const parentOrg = alias(organizations, "parent_org");

export async function getOrganization(ctx: Ctx, id: string) {
  const org = await findOrganizationInScope(ctx, id);
  const [ownerRow, branchRow, parentRow, contactRows, addressRows, history] = await Promise.all([
    org.accountOwnerId
      ? ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(eq(users.id, org.accountOwnerId))
      : Promise.resolve([]),
    org.ownerBranchId
      ? ctx.db
          .select({ id: organizations.id, name: organizations.name })
          .from(organizations)
          .where(eq(organizations.id, org.ownerBranchId))
      : Promise.resolve([]),
    org.parentId
      ? ctx.db
          .select({ id: organizations.id, name: organizations.name, kind: organizations.kind })
          .from(organizations)
          .where(eq(organizations.id, org.parentId))
      : Promise.resolve([]),
    ctx.db
      .select()
      .from(contacts)
      .where(eq(contacts.organizationId, id))
      .orderBy(desc(contacts.isPrimary), asc(contacts.name)),
    ctx.db
      .select()
      .from(addresses)
      .where(eq(addresses.organizationId, id))
      .orderBy(desc(addresses.isDefault), asc(addresses.label)),
    ctx.db
      .select({
        id: organizationParents.id,
        parentId: organizationParents.parentId,
        parentName: parentOrg.name,
        validFrom: organizationParents.validFrom,
        validTo: organizationParents.validTo,
      })
      .from(organizationParents)
      .leftJoin(parentOrg, eq(parentOrg.id, organizationParents.parentId))
      .where(eq(organizationParents.organizationId, id))
      .orderBy(desc(organizationParents.validFrom), desc(organizationParents.createdAt)),
  ]);
  return {
    organization: org,
    accountOwner: ownerRow[0] ?? null,
    branch: branchRow[0] ?? null,
    parent: parentRow[0] ?? null,
    contacts: contactRows,
    addresses: addressRows,
    parentHistory: history,
  };
}
export type OrganizationDetail = Awaited<ReturnType<typeof getOrganization>>;

/** The audit trail of one organization and its contacts/addresses, newest first. */
export async function getOrganizationAudit(ctx: Ctx, id: string, limit = 50) {
  await findOrganizationInScope(ctx, id);
  // The trail holds staff-only detail (credit limits, who changed what): staff with audit:read only.
  if (ctx.actor.kind !== "staff" || !can(ctx.actor, "audit:read")) return [];
  return ctx.db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entity: auditLog.entity,
      before: auditLog.before,
      after: auditLog.after,
      at: auditLog.at,
      actorName: users.displayName,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(eq(auditLog.entity, "organization"), eq(auditLog.entityId, id)))
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
