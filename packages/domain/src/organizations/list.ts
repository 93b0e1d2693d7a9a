import { and, asc, count, desc, eq, gt, ilike, inArray, isNull, or, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { z } from "zod";
import { organizationKinds, organizations, organizationStatuses, partnerTiers, regions, users } from "@cs/db";
import { organizationScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";

export const organizationSortKeys = ["name", "code", "kind", "city", "tier", "status", "creditLimit", "createdAt"] as const;

const multi = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()))
    .transform((list) => list.filter((x): x is T[number] => (values as readonly string[]).includes(x)));

export const organizationListQuery = listQuerySchema(organizationSortKeys, "name").extend({
  kind: multi(organizationKinds),
  region: multi(regions),
  tier: multi(partnerTiers),
  status: multi(organizationStatuses),
  branch: z.uuid().optional().catch(undefined),
  /** Account owner: "mine", "none" (no owner yet) or a staff user's id. */
  owner: z.union([z.literal("mine"), z.literal("none"), z.uuid()]).optional().catch(undefined),
});
export type OrganizationListQuery = z.output<typeof organizationListQuery>;

const branch = alias(organizations, "branch");
const parent = alias(organizations, "parent");
const owner = alias(users, "account_owner");

const columns = {
  id: organizations.id,
  code: organizations.code,
  kind: organizations.kind,
  name: organizations.name,
  taxId: organizations.taxId,
  tier: organizations.tier,
  region: organizations.region,
  province: organizations.province,
  city: organizations.city,
  phone: organizations.phone,
  status: organizations.status,
  creditLimitFen: organizations.creditLimitFen,
  paymentTermsDays: organizations.paymentTermsDays,
  createdAt: organizations.createdAt,
  branchName: branch.name,
  parentName: parent.name,
  accountOwnerId: organizations.accountOwnerId,
  ownerName: owner.displayName,
};

const sortColumns = {
  name: organizations.name,
  code: organizations.code,
  kind: organizations.kind,
  city: organizations.city,
  tier: organizations.tier,
  status: organizations.status,
  creditLimit: organizations.creditLimitFen,
  createdAt: organizations.createdAt,
} satisfies Record<(typeof organizationSortKeys)[number], unknown>;

/** The list's filter as one SQL condition, inside the actor's scope (also what a bulk reassignment changes). */
export function organizationFilter(ctx: Ctx, q: OrganizationListQuery): SQL | undefined {
  const conditions: (SQL | undefined)[] = [organizationScope(ctx.actor)];
  if (q.kind.length) conditions.push(inArray(organizations.kind, q.kind));
  if (q.region.length) conditions.push(inArray(organizations.region, q.region));
  if (q.tier.length) conditions.push(inArray(organizations.tier, q.tier));
  if (q.status.length) conditions.push(inArray(organizations.status, q.status));
  if (q.branch) conditions.push(eq(organizations.ownerBranchId, q.branch));
  if (q.owner === "mine") conditions.push(eq(organizations.accountOwnerId, ctx.actor.userId));
  else if (q.owner === "none") conditions.push(isNull(organizations.accountOwnerId));
  else if (q.owner) conditions.push(eq(organizations.accountOwnerId, q.owner));
  if (q.q) {
    const p = likePattern(q.q);
    conditions.push(
      or(ilike(organizations.name, p), ilike(organizations.code, p), ilike(organizations.taxId, p), ilike(organizations.city, p)),
    );
  }
  return and(...conditions);
}

function baseQuery(ctx: Ctx) {
  return ctx.db
    .select(columns)
    .from(organizations)
    .leftJoin(branch, eq(branch.id, organizations.ownerBranchId))
    .leftJoin(parent, eq(parent.id, organizations.parentId))
    .leftJoin(owner, eq(owner.id, organizations.accountOwnerId));
}

export type OrganizationRow = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];

export async function listOrganizations(ctx: Ctx, query: OrganizationListQuery): Promise<Page<OrganizationRow>> {
  const where = organizationFilter(ctx, query);
  const order = query.dir === "desc" ? desc : asc;
  const [rows, [total]] = await Promise.all([
    baseQuery(ctx)
      .where(where)
      .orderBy(order(sortColumns[query.sort]), asc(organizations.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(organizations).where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size };
}

/**
 * Every row matching the filter, in keyset-paged chunks so an export of 100,000 rows never holds
 * more than one chunk in memory.
 */
export async function* exportOrganizations(ctx: Ctx, query: OrganizationListQuery, chunk = 1000) {
  const where = organizationFilter(ctx, query);
  let after: string | undefined;
  for (;;) {
    const rows = await baseQuery(ctx)
      .where(and(where, after ? gt(organizations.id, after) : undefined))
      .orderBy(asc(organizations.id))
      .limit(chunk);
    if (rows.length === 0) return;
    yield rows;
    after = rows[rows.length - 1]!.id;
    if (rows.length < chunk) return;
  }
}

/** Branches this actor may pick in filters and forms. */
export async function listBranches(ctx: Ctx) {
  return ctx.db
    .select({ id: organizations.id, name: organizations.name, region: organizations.region })
    .from(organizations)
    .where(and(eq(organizations.kind, "branch"), organizationScope(ctx.actor)))
    .orderBy(asc(organizations.code));
}
