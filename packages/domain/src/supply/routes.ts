import { and, asc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { divisions, organizations, supplyRoutes } from "@cs/db";
import { authorize } from "../access/authorize";
import { organizationScope } from "../access/scopes";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";

const supplier = alias(organizations, "supplier");

/**
 * Who supplies whom: every route (master distributor × division). A handful of rows at most
 * (master distributors × divisions), so the page shows them all, ordered by supplier and division.
 */
export async function listSupplyRoutes(ctx: Ctx) {
  authorize(ctx.actor, "supply_route:manage");
  return ctx.db
    .select({
      id: supplyRoutes.id,
      supplierId: supplyRoutes.supplierId,
      supplierCode: supplier.code,
      supplierName: supplier.name,
      divisionId: supplyRoutes.divisionId,
      divisionCode: divisions.code,
      divisionZh: divisions.nameZh,
      divisionEn: divisions.nameEn,
      createdAt: supplyRoutes.createdAt,
    })
    .from(supplyRoutes)
    .innerJoin(supplier, eq(supplier.id, supplyRoutes.supplierId))
    .innerJoin(divisions, eq(divisions.id, supplyRoutes.divisionId))
    .orderBy(asc(supplier.code), asc(divisions.code));
}

export type SupplyRouteRow = Awaited<ReturnType<typeof listSupplyRoutes>>[number];

/** What the create form offers: active master distributors in the actor's scope, and the divisions. */
export async function supplyRouteOptions(ctx: Ctx) {
  authorize(ctx.actor, "supply_route:manage");
  const [suppliers, divisionRows] = await Promise.all([
    ctx.db
      .select({ id: organizations.id, code: organizations.code, name: organizations.name })
      .from(organizations)
      .where(and(eq(organizations.kind, "master_distributor"), eq(organizations.status, "active"), organizationScope(ctx.actor)))
      .orderBy(asc(organizations.code))
      .limit(1000),
    ctx.db.select({ id: divisions.id, code: divisions.code, nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions).orderBy(asc(divisions.code)),
  ]);
  return { suppliers, divisions: divisionRows };
}

const uuidField = z.string({ error: "validation.required" }).refine(isUuid, "validation.required");
export const supplyRouteInput = z.object({ supplierId: uuidField, divisionId: uuidField });

/**
 * Adds a route: the supplier must be an active master distributor the actor can see, the division
 * must exist, and each pair exists once (the unique index decides a race). Retried with the same
 * `_key` it answers the first result.
 */
export async function createSupplyRoute(ctx: Ctx, raw: unknown): Promise<{ id: string }> {
  authorize(ctx.actor, "supply_route:manage");
  const input = parseInput(supplyRouteInput, raw);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const [md] = await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(
          and(
            eq(organizations.id, input.supplierId),
            eq(organizations.kind, "master_distributor"),
            eq(organizations.status, "active"),
            organizationScope(ctx.actor),
          ),
        );
      if (!md) throw new ValidationError({ supplierId: ["supply.errors.notMasterDistributor"] });
      const [division] = await tx.select({ id: divisions.id }).from(divisions).where(eq(divisions.id, input.divisionId));
      if (!division) throw new ValidationError({ divisionId: ["validation.invalid"] });
      const [created] = await tx
        .insert(supplyRoutes)
        .values({ supplierId: input.supplierId, divisionId: input.divisionId, createdBy: ctx.actor.userId })
        .onConflictDoNothing()
        .returning();
      if (!created) throw new ValidationError({ divisionId: ["supply.errors.routeExists"] });
      await recordAudit(tx, ctx.actor, { action: "create", entity: "supply_route", entityId: created.id, after: created });
      return { id: created.id };
    });
    return result;
  });
}

/**
 * Removes a route: later orders of that division go to the distributor; orders already placed
 * keep their supplier. Deleting a route that is already gone changes nothing (a retried click).
 */
export async function deleteSupplyRoute(ctx: Ctx, raw: { id: unknown }): Promise<{ deleted: boolean }> {
  authorize(ctx.actor, "supply_route:manage");
  const id = typeof raw.id === "string" && isUuid(raw.id) ? raw.id : null;
  if (!id) return { deleted: false };
  return inTransaction(ctx, async (tx) => {
    const [gone] = await tx.delete(supplyRoutes).where(eq(supplyRoutes.id, id)).returning();
    if (!gone) return { deleted: false };
    await recordAudit(tx, ctx.actor, { action: "delete", entity: "supply_route", entityId: gone.id, before: gone });
    return { deleted: true };
  });
}
