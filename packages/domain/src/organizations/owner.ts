import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { userBranches, userRoles, users } from "@cs/db";
import { roles, type Role } from "../access/permissions";
import type { Ctx } from "../shared/context";
import { ValidationError } from "../shared/errors";

/** Staff roles that see every branch: their holders may own an account of any branch. */
const allScopeRoles = (Object.keys(roles) as Role[]).filter((r) => {
  const definition: { allScopes?: boolean; audience: string } = roles[r];
  return definition.audience === "staff" && Object.hasOwn(definition, "allScopes") && definition.allScopes === true;
});

const activeStaff = and(eq(users.kind, "staff"), eq(users.status, "active"));

/**
 * An account owner must be an active staff user who works in the account's branch (or in every
 * branch): a partner login, a disabled user or a colleague who cannot see the account is refused.
 * `branchIds` are the owner branches of every account being assigned.
 */
export async function assertOwnerEligible(ctx: Ctx, ownerId: string, branchIds: readonly (string | null)[], field = "accountOwnerId") {
  const [owner] = await ctx.db
    .select({
      id: users.id,
      everyBranch: sql<boolean>`exists (select 1 from ${userRoles} where ${and(eq(userRoles.userId, users.id), inArray(userRoles.role, allScopeRoles))})`,
    })
    .from(users)
    .where(and(eq(users.id, ownerId), activeStaff));
  if (!owner) throw new ValidationError({ [field]: ["relations.validation.ownerNotStaff"] });
  if (owner.everyBranch) return;
  const wanted = [...new Set(branchIds)];
  if (wanted.some((b) => b === null)) throw new ValidationError({ [field]: ["relations.validation.ownerOutOfBranch"] });
  const held = await ctx.db
    .select({ branchId: userBranches.branchId })
    .from(userBranches)
    .where(and(eq(userBranches.userId, ownerId), inArray(userBranches.branchId, wanted as string[])));
  if (held.length !== wanted.length) throw new ValidationError({ [field]: ["relations.validation.ownerOutOfBranch"] });
}

/** Active staff users an actor may pick as account owner (the domain re-checks the branch on save). */
export async function listOwnerCandidates(ctx: Ctx) {
  if (ctx.actor.kind !== "staff") return [];
  return ctx.db
    .select({ id: users.id, name: users.displayName })
    .from(users)
    .where(activeStaff)
    .orderBy(asc(users.displayName), asc(users.id));
}
