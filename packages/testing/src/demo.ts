import { randomUUID } from "node:crypto";
import { count, eq, sql, type SQL } from "drizzle-orm";
import { auditLog, idempotencyKeys, organizationParents, organizations, users, type Database } from "@cs/db";
import { createRandom, makeCreditCode, seedDemo } from "@cs/seed";
import type { Actor } from "@cs/domain/access/actor";
import { tenantCtx } from "@cs/domain/access/tenant";
import type { Ctx } from "@cs/domain/shared/context";
import { loadActor } from "@cs/domain/users/actor";
import { fenToYuan } from "@cs/domain/shared/money";

/**
 * Helpers for integration tests over the deterministic demo data set. Test-only: nothing in the
 * package imports this file.
 */

/** Hashing is irrelevant to these tests; a readable fake keeps seeding fast. */
export const fakeHash = async (plain: string) => `x:${plain}`;

export async function seedDemoData(db: Database) {
  const { seeded } = await seedDemo(db, { hashPassword: fakeHash });
  if (!seeded) throw new Error("expected an empty database to seed");
}

export async function userIdOf(db: Database, login: string): Promise<string> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.login, login));
  if (!row) throw new Error(`no demo user ${login}`);
  return row.id;
}

export async function actorOf(db: Database, login: string): Promise<Actor> {
  const actor = await loadActor(db, await userIdOf(db, login));
  if (!actor) throw new Error(`demo user ${login} is not active`);
  return actor;
}

export async function ctxOf(db: Database, login: string): Promise<Ctx> {
  // partners and customers run under the portal's row-level security, as in the app
  return tenantCtx(db, await actorOf(db, login));
}

export async function orgByCode(db: Database, code: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.code, code));
  if (!row) throw new Error(`no organization ${code}`);
  return row;
}

/** A fresh `_key` as a form would carry it. */
export const newKey = () => randomUUID();

/** A valid credit code no organization uses yet. */
export async function unusedCreditCode(db: Database, seed: number, region = "110108"): Promise<string> {
  const rand = createRandom(seed);
  for (;;) {
    const code = makeCreditCode(rand, region);
    const [taken] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.taxId, code));
    if (!taken) return code;
  }
}

/** Row counts of the tables a write may touch, to prove that a refused write left nothing behind. */
export async function writeCounts(db: Database) {
  const [[orgs], [parents], [audits], [keys]] = await Promise.all([
    db.select({ n: count() }).from(organizations),
    db.select({ n: count() }).from(organizationParents),
    db.select({ n: count() }).from(auditLog),
    db.select({ n: count() }).from(idempotencyKeys),
  ]);
  return { organizations: orgs!.n, parents: parents!.n, audit: audits!.n, keys: keys!.n };
}

export async function auditOf(db: Database, entityId: string) {
  return db.select().from(auditLog).where(eq(auditLog.entityId, entityId)).orderBy(auditLog.id);
}

export async function countWhere(db: Database, condition: SQL) {
  const [row] = await db.execute<{ n: number }>(sql`select count(*)::int as n from organizations where ${condition}`);
  return row!.n;
}

/** What the organization form would post for `org` unchanged (money back in yuan). */
export function formOf(org: typeof organizations.$inferSelect) {
  return {
    version: String(org.version),
    kind: org.kind,
    name: org.name,
    shortName: org.shortName ?? "",
    taxId: org.taxId ?? "",
    ownerBranchId: org.ownerBranchId ?? "",
    tier: org.tier ?? "",
    region: org.region ?? "",
    province: org.province ?? "",
    city: org.city ?? "",
    address: org.address ?? "",
    phone: org.phone ?? "",
    status: org.status,
    creditLimit: fenToYuan(org.creditLimitFen),
    paymentTermsDays: String(org.paymentTermsDays),
  };
}
