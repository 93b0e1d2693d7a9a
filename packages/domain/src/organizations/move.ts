import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import { organizationScope } from "../access/scopes";
import { organizationParents, organizations } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { shanghaiToday } from "../shared/dates";
import { findOrganizationInScope } from "./get";
import { parseInput } from "../shared/parse";
import { allowedParentKinds, moveInput } from "./schema";

/**
 * Places a partner under another parent (or directly under the distributor) from a date. History
 * rows are half-open periods [validFrom, validTo), so reports can use the tree as it was on any date.
 */
export async function moveOrganization(ctx: Ctx, id: string, raw: unknown) {
  authorize(ctx.actor, "organization:move");
  const input = parseInput(moveInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const org = await findOrganizationInScope(tctx, id, { forUpdate: true });
    const newParentId = input.parentId ?? null;
    if (newParentId) {
      // The new parent must be visible to the actor too, else it is "not found" for the form.
      const parent = await findOrganizationInScope(tctx, newParentId).catch(() => null);
      if (!parent) throw new ValidationError({ parentId: ["validation.parentNotFound"] });
      if (!allowedParentKinds[org.kind].includes(parent.kind))
        throw new ValidationError({ parentId: ["validation.parentKind"] });
      const [cycle] = await tx.execute<{ found: boolean }>(sql`
        with recursive up as (
          select id, parent_id from organizations where id = ${newParentId}
          union all
          select o.id, o.parent_id from organizations o join up on o.id = up.parent_id
        ) select exists(select 1 from up where id = ${id}) as found`);
      if (cycle?.found) throw new ValidationError({ parentId: ["validation.parentCycle"] });
    } else if (allowedParentKinds[org.kind].length === 0) {
      // Kinds outside the channel tree are never moved, not even off a parent they have (a branch under the company).
      throw new ValidationError({ parentId: ["validation.noParentAllowed"] });
    }

    const [open] = await tx
      .select()
      .from(organizationParents)
      .where(and(eq(organizationParents.organizationId, id), isNull(organizationParents.validTo)))
      .orderBy(desc(organizationParents.validFrom))
      .limit(1);
    // A retried move that already landed is a no-op.
    if (open && open.parentId === newParentId && open.validFrom === input.effectiveDate) return org;
    if (org.parentId === newParentId) throw new ValidationError({ parentId: ["validation.sameParent"] });
    // organizations.parent_id is the placement in force today; a future date would need a job to apply it.
    if (input.effectiveDate > shanghaiToday()) throw new ValidationError({ effectiveDate: ["validation.effectiveDateFuture"] });
    if (open && input.effectiveDate <= open.validFrom)
      throw new ValidationError({ effectiveDate: ["validation.effectiveDateBeforeCurrent"] });

    if (open)
      await tx
        .update(organizationParents)
        .set({ validTo: input.effectiveDate })
        .where(eq(organizationParents.id, open.id));
    await tx.insert(organizationParents).values({
      organizationId: id,
      parentId: newParentId,
      validFrom: input.effectiveDate,
      changedBy: ctx.actor.userId,
    });
    const [updated] = await tx
      .update(organizations)
      .set({ parentId: newParentId, version: org.version + 1, updatedAt: new Date() })
      .where(eq(organizations.id, id))
      .returning();
    await recordAudit(tx, ctx.actor, {
      action: "move",
      entity: "organization",
      entityId: id,
      before: { parentId: org.parentId },
      after: { parentId: newParentId, effectiveDate: input.effectiveDate },
    });
    return updated!;
  });
}


/** Organizations this one may be placed under, within the actor's scope. */
export async function listParentCandidates(ctx: Ctx, id: string) {
  const org = await findOrganizationInScope(ctx, id);
  const kinds = allowedParentKinds[org.kind];
  if (kinds.length === 0) return [];
  return ctx.db
    .select({ id: organizations.id, name: organizations.name, code: organizations.code, kind: organizations.kind })
    .from(organizations)
    .where(and(inArray(organizations.kind, [...kinds]), ne(organizations.id, id), organizationScope(ctx.actor)))
    .orderBy(asc(organizations.kind), asc(organizations.code))
    .limit(2000);
}
