import { and, eq, ne, sql } from "drizzle-orm";
import { organizationDivisions, organizationParents, organizations, type Transaction } from "@cs/db";
import { keyOf, once } from "../shared/idempotency";
import { authorize } from "../access/authorize";
import { limitedDivisions } from "../access/divisions";
import { canUseBranch } from "../access/scopes";
import { recordAudit, diffFields } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { parseInput } from "../shared/parse";
import { hasKey } from "../shared/keys";
import { ConflictError, ForbiddenError, ValidationError } from "../shared/errors";
import { findOrganizationInScope } from "./get";
import { assertOwnerEligible } from "./owner";
import { companyProfileInput, organizationInput, organizationUpdateInput, type OrganizationInput } from "./schema";

function toColumns(input: OrganizationInput) {
  return {
    kind: input.kind,
    name: input.name,
    shortName: input.shortName ?? null,
    taxId: input.taxId ?? null,
    tier: input.tier ?? null,
    region: input.region ?? null,
    province: input.province ?? null,
    city: input.city ?? null,
    address: input.address ?? null,
    phone: input.phone ?? null,
    status: input.status,
    creditLimitFen: input.creditLimit ?? 0n,
    paymentTermsDays: input.paymentTermsDays,
    accountOwnerId: input.accountOwnerId ?? null,
  };
}


async function assertTaxIdFree(ctx: Ctx, taxId: string | undefined, exceptId?: string) {
  if (!taxId) return;
  const [clash] = await ctx.db
    .select({ id: organizations.id })
    .from(organizations)
    .where(and(eq(organizations.taxId, taxId), exceptId ? ne(organizations.id, exceptId) : undefined));
  if (clash) throw new ValidationError({ taxId: ["validation.taxIdTaken"] });
}

/** The owner branch must really be a branch, whatever id a crafted form carries. */
async function assertBranch(ctx: Ctx, branchId: string | null | undefined) {
  if (!branchId) return;
  const [row] = await ctx.db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, branchId));
  if (row?.kind !== "branch") throw new ValidationError({ ownerBranchId: ["validation.invalid"] });
}

/** Two simultaneous saves can both pass assertTaxIdFree; the unique index decides, and says so kindly. */
async function mapTaxIdClash<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause ?? error;
    if ((cause as { constraint_name?: string }).constraint_name === "organizations_tax_id_idx")
      throw new ValidationError({ taxId: ["validation.taxIdTaken"] });
    throw error;
  }
}

async function nextCode(ctx: Ctx, kind: OrganizationInput["kind"]) {
  const prefix = { branch: "BR", master_distributor: "MD", agent: "AG", dealer: "DL", key_account: "KA", repair_station: "RS" }[kind];
  const [row] = await ctx.db.execute<{ n: number }>(
    sql`select coalesce(max(substring(code from '\\d+$')::int), 0) + 1 as n from organizations where code ~ ${`^${prefix}-\\d+$`}`,
  );
  return `${prefix}-${String(row?.n ?? 1).padStart(4, "0")}`;
}

export async function createOrganization(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "organization:create");
  const input = parseInput(organizationInput, raw);
  const branchId = input.kind === "branch" ? undefined : input.ownerBranchId;
  if (input.kind === "branch" ? ctx.actor.branchIds !== "all" : !canUseBranch(ctx.actor, branchId))
    throw new ValidationError({ ownerBranchId: ["validation.branchOutOfScope"] });
  return inTransaction(ctx, async (tx, tctx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const created = await insertOrganization(tx, tctx, input, branchId);
      return { id: created.id };
    });
    return findOrganizationInScope(tctx, result.id);
  });
}

async function insertOrganization(tx: Transaction, ctx: Ctx, input: OrganizationInput, branchId: string | undefined) {
  // Serialise code allocation so two creations cannot take the same number.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('organization-code'))`);
  await assertTaxIdFree(ctx, input.taxId);
  await assertBranch(ctx, branchId);
  if (input.accountOwnerId) await assertOwnerEligible(ctx, input.accountOwnerId, [input.kind === "branch" ? null : (branchId ?? null)]);
  const code = await nextCode(ctx, input.kind);
  const [created] = await mapTaxIdClash(
    tx
      .insert(organizations)
      .values({ ...toColumns(input), code, ownerBranchId: branchId ?? null })
      .returning(),
  );
  if (!created) throw new Error("insert returned nothing");
  if (input.kind === "branch") await tx.update(organizations).set({ ownerBranchId: created.id }).where(eq(organizations.id, created.id));
  await tx.insert(organizationParents).values({
    organizationId: created.id,
    parentId: null,
    validFrom: sql`current_date`,
    changedBy: ctx.actor.userId,
  });
  // Staff limited to divisions create partners of their divisions, or they could not see what they made.
  const divisionIds = input.kind === "branch" ? null : limitedDivisions(ctx.actor);
  if (divisionIds) await tx.insert(organizationDivisions).values(divisionIds.map((divisionId) => ({ organizationId: created.id, divisionId })));
  await recordAudit(tx, ctx.actor, { action: "create", entity: "organization", entityId: created.id, after: divisionIds ? { ...created, divisionIds } : created });
  return created;
}

/**
 * Optimistic concurrency on `version`. A retry of an update that already landed (same values, old
 * version) succeeds without writing twice; a stale edit with different values is a conflict.
 */
async function applyUpdate(
  ctx: Ctx,
  id: string,
  version: number,
  build: (current: typeof organizations.$inferSelect) => Promise<Partial<typeof organizations.$inferInsert>>,
) {
  return inTransaction(ctx, async (tx, tctx) => {
    const current = await findOrganizationInScope(tctx, id, { forUpdate: true });
    const next = await build(current);
    const diff = diffFields(current as Record<string, unknown>, next);
    if (!diff.changed) return current;
    if (version !== current.version) throw new ConflictError("errors.staleEdit");
    const [updated] = await mapTaxIdClash(
      tx
        .update(organizations)
        .set({ ...next, version: current.version + 1, updatedAt: new Date() })
        .where(eq(organizations.id, id))
        .returning(),
    );
    if (!updated) throw new Error("update returned nothing");
    await recordAudit(tx, ctx.actor, { action: "update", entity: "organization", entityId: id, before: diff.before, after: diff.after });
    return updated;
  });
}

export async function updateOrganization(ctx: Ctx, id: string, raw: unknown) {
  authorize(ctx.actor, "organization:update");
  const input = parseInput(organizationUpdateInput, raw);
  return applyUpdate(ctx, id, input.version, async (current) => {
    if (input.kind !== current.kind) throw new ValidationError({ kind: ["validation.kindFixed"] });
    const ownerBranchId = current.kind === "branch" ? current.ownerBranchId : (input.ownerBranchId ?? null);
    if (ownerBranchId !== current.ownerBranchId && !canUseBranch(ctx.actor, ownerBranchId))
      throw new ValidationError({ ownerBranchId: ["validation.branchOutOfScope"] });
    if (ownerBranchId !== current.ownerBranchId) await assertBranch(ctx, ownerBranchId);
    await assertTaxIdFree(ctx, input.taxId, id);
    // A form without the field (an older client, an import) leaves the owner as it is.
    const accountOwnerId = typeof raw === "object" && raw !== null && hasKey(raw, "accountOwnerId") ? (input.accountOwnerId ?? null) : current.accountOwnerId;
    if (accountOwnerId && (accountOwnerId !== current.accountOwnerId || ownerBranchId !== current.ownerBranchId))
      await assertOwnerEligible(ctx, accountOwnerId, [current.kind === "branch" ? current.id : ownerBranchId]);
    return { ...toColumns(input), ownerBranchId, accountOwnerId };
  });
}

/** A partner admin edits how to reach the company; legal and commercial terms stay with the distributor. */
export async function updateOwnCompany(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "own_organization:update");
  if (!ctx.actor.organizationId) throw new ForbiddenError("own_organization:update");
  const input = parseInput(companyProfileInput, raw);
  return applyUpdate(ctx, ctx.actor.organizationId, input.version, async () => ({
    shortName: input.shortName ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
  }));
}
