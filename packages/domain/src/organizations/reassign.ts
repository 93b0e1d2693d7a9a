import { and, asc, count, inArray, isNotNull, isNull, ne, or, sql } from "drizzle-orm";
import { auditLog, organizations } from "@cs/db";
import { authorize } from "../access/authorize";
import { toAuditJson } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { parseInput } from "../shared/parse";
import { organizationFilter, type OrganizationListQuery } from "./list";
import { assertOwnerEligible } from "./owner";
import { reassignOwnerInput } from "./schema";

/** Accounts that would change: those the filter matches whose owner is not already the new one. */
function changing(ctx: Ctx, query: OrganizationListQuery, ownerId: string | null) {
  const differs = ownerId
    ? or(isNull(organizations.accountOwnerId), ne(organizations.accountOwnerId, ownerId))
    : isNotNull(organizations.accountOwnerId);
  return and(organizationFilter(ctx, query), differs);
}

/** How many accounts a reassignment with this filter would change (shown before it is confirmed). */
export async function countReassignable(ctx: Ctx, query: OrganizationListQuery) {
  authorize(ctx.actor, "account:assign");
  const [row] = await ctx.db.select({ n: count() }).from(organizations).where(organizationFilter(ctx, query));
  return row?.n ?? 0;
}

const AUDIT_CHUNK = 1000;

/**
 * Gives every account the list filter matches (inside the actor's scope) a new owner, or none, in one
 * transaction with one audit entry per account. The owner must be eligible for every one of them,
 * else nothing changes. The page states how many accounts it will touch; if the filter now matches a
 * different number the request is refused rather than changing accounts nobody looked at.
 */
export async function reassignAccountOwner(ctx: Ctx, query: OrganizationListQuery, raw: unknown) {
  authorize(ctx.actor, "account:assign");
  const input = parseInput(reassignOwnerInput, raw);
  const ownerId = input.accountOwnerId ?? null;
  return inTransaction(ctx, async (tx, tctx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), { query, ownerId, expected: input.expected }, async () => {
      const matched = await tx
        .select({ id: organizations.id, branchId: organizations.ownerBranchId, kind: organizations.kind, before: organizations.accountOwnerId })
        .from(organizations)
        .where(organizationFilter(tctx, query))
        .orderBy(asc(organizations.id))
        .for("update");
      if (matched.length !== input.expected) throw new ConflictError("relations.errors.filterChanged");
      if (ownerId) await assertOwnerEligible(tctx, ownerId, matched.map((m) => (m.kind === "branch" ? m.id : m.branchId)));
      const rows = matched.filter((m) => m.before !== ownerId);
      if (rows.length) {
        await tx
          .update(organizations)
          .set({ accountOwnerId: ownerId, version: sql`${organizations.version} + 1`, updatedAt: new Date() })
          .where(and(changing(tctx, query, ownerId), inArray(organizations.id, rows.map((r) => r.id))));
      }
      for (let i = 0; i < rows.length; i += AUDIT_CHUNK) {
        await tx.insert(auditLog).values(
          rows.slice(i, i + AUDIT_CHUNK).map((r) => ({
            actorId: ctx.actor.userId,
            actorOrganizationId: ctx.actor.organizationId,
            action: "owner.reassign",
            entity: "organization",
            entityId: r.id,
            before: toAuditJson({ accountOwnerId: r.before }),
            after: toAuditJson({ accountOwnerId: ownerId, bulk: true }),
            ip: ctx.actor.ip ?? null,
          })),
        );
      }
      return { changed: rows.length, matched: matched.length };
    });
    return result;
  });
}
