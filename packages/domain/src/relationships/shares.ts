import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { divisions, organizations, recordShares, users } from "@cs/db";
import { shareAccesses } from "@cs/db/schema/relationships";
import { alias } from "drizzle-orm/pg-core";
import { authorize } from "../access/authorize";
import { findOrganizationInScope } from "../organizations/get";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { shanghaiDayEnd, shanghaiToday } from "../shared/dates";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { requiredDateField, uuidField } from "../validation";

const granteeKinds = ["user", "branch", "division"] as const;
type GranteeKind = (typeof granteeKinds)[number];

/** `user:<id>`, `branch:<id>` or `division:<id>`: one select of the form names whom to share with. */
const granteeField = z
  .string({ error: "validation.required" })
  .min(1, "validation.required")
  .transform((v, c) => {
    const [kind, id] = v.split(":");
    if (!granteeKinds.includes(kind as GranteeKind) || !id || !isUuid(id)) {
      c.addIssue({ code: "custom", message: "validation.invalid" });
      return z.NEVER;
    }
    return { kind: kind as GranteeKind, id };
  });

export const shareInput = z.object({
  grantee: granteeField,
  access: z.enum(shareAccesses, { error: "validation.required" }),
  /** The last day the share applies (through its end, China time). */
  expiresOn: requiredDateField,
});

export const unshareInput = z.object({ shareId: uuidField });

const granteeUser = alias(users, "grantee_user");
const granteeBranch = alias(organizations, "grantee_branch");

/** Whom a share may name: an active staff user, a branch, a division. Anything else is invalid input. */
async function assertGrantee(ctx: Ctx, grantee: { kind: GranteeKind; id: string }) {
  const found =
    grantee.kind === "user"
      ? await ctx.db.select({ id: users.id }).from(users).where(and(eq(users.id, grantee.id), eq(users.kind, "staff"), eq(users.status, "active")))
      : grantee.kind === "branch"
        ? await ctx.db.select({ id: organizations.id }).from(organizations).where(and(eq(organizations.id, grantee.id), eq(organizations.kind, "branch")))
        : await ctx.db.select({ id: divisions.id }).from(divisions).where(eq(divisions.id, grantee.id));
  if (!found.length) throw new ValidationError({ grantee: ["validation.invalid"] });
}

/**
 * Shares an organization the actor may edit with a user, a branch or a division, to read or edit,
 * through the end of `expiresOn` (China time). A day already past is refused and nothing changes.
 * Audited on the organization.
 */
export async function shareOrganization(ctx: Ctx, organizationId: string, raw: unknown, now = new Date()) {
  authorize(ctx.actor, "organization:update");
  const input = parseInput(shareInput, raw);
  if (input.expiresOn < shanghaiToday(now)) throw new ValidationError({ expiresOn: ["relations.share.validation.expired"] });
  return inTransaction(ctx, async (tx, tctx) => {
    const org = await findOrganizationInScope(tctx, organizationId, { forUpdate: true });
    if (ctx.actor.kind !== "staff") throw new NotFoundError("organization");
    await assertGrantee(tctx, input.grantee);
    const { result } = await once(tx, ctx.actor, keyOf(raw), { organizationId: org.id, input }, async () => {
      const [share] = await tx
        .insert(recordShares)
        .values({
          organizationId: org.id,
          userId: input.grantee.kind === "user" ? input.grantee.id : null,
          branchId: input.grantee.kind === "branch" ? input.grantee.id : null,
          divisionId: input.grantee.kind === "division" ? input.grantee.id : null,
          access: input.access,
          expiresAt: shanghaiDayEnd(input.expiresOn),
          createdBy: ctx.actor.userId,
        })
        .returning();
      await recordAudit(tx, ctx.actor, { action: "share", entity: "organization", entityId: org.id, after: share });
      return { id: share!.id };
    });
    return result;
  });
}

/** Ends a share of an organization the actor may edit; a share already ended (or of another record) is not found. */
export async function unshareOrganization(ctx: Ctx, organizationId: string, raw: unknown) {
  authorize(ctx.actor, "organization:update");
  const input = parseInput(unshareInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const org = await findOrganizationInScope(tctx, organizationId, { forUpdate: true });
    const [share] = await tx
      .update(recordShares)
      .set({ revokedAt: sql`now()`, revokedBy: ctx.actor.userId })
      .where(and(eq(recordShares.id, input.shareId), eq(recordShares.organizationId, org.id), isNull(recordShares.revokedAt)))
      .returning();
    if (!share) throw new NotFoundError("share");
    await recordAudit(tx, ctx.actor, { action: "unshare", entity: "organization", entityId: org.id, before: share });
    return { id: share.id };
  });
}

export type ShareRow = Awaited<ReturnType<typeof listOrganizationShares>>[number];

/** The shares of an organization in scope not revoked, the ones still applying first; `expired` says which no longer do. */
export async function listOrganizationShares(ctx: Ctx, organizationId: string) {
  const org = await findOrganizationInScope(ctx, organizationId);
  if (ctx.actor.kind !== "staff") return [];
  return ctx.db
    .select({
      id: recordShares.id,
      access: recordShares.access,
      expiresAt: recordShares.expiresAt,
      expired: sql<boolean>`${recordShares.expiresAt} <= now()`,
      userName: granteeUser.displayName,
      branchName: granteeBranch.name,
      divisionZh: divisions.nameZh,
      divisionEn: divisions.nameEn,
    })
    .from(recordShares)
    .leftJoin(granteeUser, eq(granteeUser.id, recordShares.userId))
    .leftJoin(granteeBranch, eq(granteeBranch.id, recordShares.branchId))
    .leftJoin(divisions, eq(divisions.id, recordShares.divisionId))
    .where(and(eq(recordShares.organizationId, org.id), isNull(recordShares.revokedAt)))
    .orderBy(sql`${recordShares.expiresAt} <= now()`, desc(recordShares.expiresAt), asc(recordShares.id));
}

/** Whom the share form offers: active staff, every branch, every division. */
export async function shareTargets(ctx: Ctx) {
  if (ctx.actor.kind !== "staff") return { users: [], branches: [], divisions: [] };
  const [userRows, branchRows, divisionRows] = await Promise.all([
    ctx.db.select({ id: users.id, name: users.displayName }).from(users).where(and(eq(users.kind, "staff"), eq(users.status, "active"))).orderBy(asc(users.displayName), asc(users.id)),
    ctx.db.select({ id: organizations.id, name: organizations.name }).from(organizations).where(eq(organizations.kind, "branch")).orderBy(asc(organizations.code)),
    ctx.db.select({ id: divisions.id, nameZh: divisions.nameZh, nameEn: divisions.nameEn }).from(divisions).orderBy(asc(divisions.code)),
  ]);
  return { users: userRows, branches: branchRows, divisions: divisionRows };
}
