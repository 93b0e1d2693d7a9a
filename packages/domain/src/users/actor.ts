import { eq } from "drizzle-orm";
import { userBranches, userDivisions, userRoles, users, type DatabaseOrTransaction } from "@cs/db";
import { buildActor, type Actor } from "../access/actor";

/** Loads what an actor is made of: one query per table, run together. */
export async function loadActor(db: DatabaseOrTransaction, userId: string, ip?: string | null): Promise<Actor | null> {
  const [[user], roleRows, branchRows, divisionRows] = await Promise.all([
    db.select().from(users).where(eq(users.id, userId)),
    db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId)),
    db.select({ id: userBranches.branchId }).from(userBranches).where(eq(userBranches.userId, userId)),
    db.select({ id: userDivisions.divisionId }).from(userDivisions).where(eq(userDivisions.userId, userId)),
  ]);
  if (!user || user.status !== "active") return null;
  return buildActor({
    userId: user.id,
    kind: user.kind,
    displayName: user.displayName,
    organizationId: user.organizationId,
    endCustomerId: user.endCustomerId,
    roles: roleRows.map((r) => r.role),
    branchIds: branchRows.map((r) => r.id),
    divisionIds: divisionRows.map((r) => r.id),
    ip,
  });
}
