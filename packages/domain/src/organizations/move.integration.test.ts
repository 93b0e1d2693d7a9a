import { and, asc, eq, isNull, lte, gt, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { organizationParents, organizations, type Database, type OrganizationKind } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ForbiddenError, NotFoundError } from "../shared/errors";
import { fieldErrorsOf } from "@cs/testing/errors";
import { auditOf, ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { listParentCandidates, moveOrganization } from "./move";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let salesBj: Ctx;
let admin: Ctx;
let finance: Ctx;
let dealerAdmin: Ctx;
let bjId: string;
let shId: string;
/** Beijing dealers under an agent with one open period, as seeded; each test takes its own. */
let bjDealers: (typeof organizations.$inferSelect)[];

const parentOrg = alias(organizations, "parent_org");

/** Organizations of a kind in a branch, optionally only those whose current parent is of `parentKind`. */
async function orgsOf(kind: OrganizationKind, branchId: string, parentKind?: OrganizationKind) {
  return db
    .select({ org: organizations })
    .from(organizations)
    .leftJoin(parentOrg, eq(parentOrg.id, organizations.parentId))
    .where(
      and(
        eq(organizations.kind, kind),
        eq(organizations.ownerBranchId, branchId),
        parentKind ? eq(parentOrg.kind, parentKind) : undefined,
      ),
    )
    .orderBy(asc(organizations.code))
    .then((rows) => rows.map((r) => r.org));
}

async function historyOf(id: string) {
  return db
    .select()
    .from(organizationParents)
    .where(eq(organizationParents.organizationId, id))
    .orderBy(asc(organizationParents.validFrom), asc(organizationParents.createdAt));
}

/** The parent in force on `date` according to the half-open periods [validFrom, validTo). */
async function parentOn(id: string, date: string) {
  const rows = await db
    .select({ parentId: organizationParents.parentId })
    .from(organizationParents)
    .where(
      and(
        eq(organizationParents.organizationId, id),
        lte(organizationParents.validFrom, date),
        or(isNull(organizationParents.validTo), gt(organizationParents.validTo, date)),
      ),
    );
  expect(rows, `exactly one period covers ${date}`).toHaveLength(1);
  return rows[0]!.parentId;
}

async function current(id: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, id));
  return row!;
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [salesBj, admin, finance, dealerAdmin] = (await Promise.all(
    ["sales.bj@demo.cn", "admin@demo.cn", "finance@demo.cn", "dealer@demo.cn"].map((l) => ctxOf(db, l)),
  )) as [Ctx, Ctx, Ctx, Ctx];
  bjId = (await orgByCode(db, "BJ")).id;
  shId = (await orgByCode(db, "SH")).id;
  // Not DL-0001 (the demo partner) nor DL-0005 (moved once already in the seed).
  bjDealers = (await orgsOf("dealer", bjId, "agent")).filter((d) => d.code !== "DL-0001" && d.code !== "DL-0005");
  expect(bjDealers.length).toBeGreaterThan(10);
});

describe("moveOrganization", () => {
  it("closes the open period, opens a new one and moves the organization, audited", async () => {
    const [dealer] = bjDealers;
    const target = (await orgsOf("agent", bjId)).find((a) => a.id !== dealer!.parentId)!;
    const oldParent = dealer!.parentId!;
    const [open] = await historyOf(dealer!.id);
    expect(open).toMatchObject({ parentId: oldParent, validTo: null });

    const moved = await moveOrganization(salesBj, dealer!.id, { parentId: target.id, effectiveDate: "2026-03-01" });
    expect(moved).toMatchObject({ id: dealer!.id, parentId: target.id, version: dealer!.version + 1 });
    expect(await current(dealer!.id)).toMatchObject({ parentId: target.id });

    const history = await historyOf(dealer!.id);
    expect(history).toHaveLength(2);
    expect(history[0]).toMatchObject({ id: open!.id, parentId: oldParent, validFrom: open!.validFrom, validTo: "2026-03-01" });
    expect(history[1]).toMatchObject({ parentId: target.id, validFrom: "2026-03-01", validTo: null, changedBy: salesBj.actor.userId });
    // Half-open: the day before belongs to the old parent, the effective date to the new one.
    expect(await parentOn(dealer!.id, "2026-02-28")).toBe(oldParent);
    expect(await parentOn(dealer!.id, "2026-03-01")).toBe(target.id);
    expect(await parentOn(dealer!.id, open!.validFrom)).toBe(oldParent);

    const audit = await auditOf(db, dealer!.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "move",
      actorId: salesBj.actor.userId,
      before: { parentId: oldParent },
      after: { parentId: target.id, effectiveDate: "2026-03-01" },
    });

    // Retrying the same move changes nothing.
    const retry = await moveOrganization(salesBj, dealer!.id, { parentId: target.id, effectiveDate: "2026-03-01" });
    expect(retry).toMatchObject({ parentId: target.id, version: moved.version });
    expect(await historyOf(dealer!.id)).toEqual(history);
    expect(await auditOf(db, dealer!.id)).toHaveLength(1);

    // A later move needs a date after the now-open period's start.
    const other = (await orgsOf("agent", bjId)).find((a) => a.id !== target.id && a.id !== oldParent)!;
    for (const effectiveDate of ["2026-03-01", "2026-02-15"]) {
      expect(await expectUnchanged(db, () => fieldErrorsOf(moveOrganization(salesBj, dealer!.id, { parentId: other.id, effectiveDate })))).toEqual({
        effectiveDate: ["validation.effectiveDateBeforeCurrent"],
      });
    }
    expect(await historyOf(dealer!.id)).toEqual(history);
  });

  it("refuses an effective date on or before the start of the open period", async () => {
    const dealer = bjDealers[2]!;
    const [open] = await historyOf(dealer.id);
    const target = (await orgsOf("agent", bjId)).find((a) => a.id !== dealer.parentId)!;
    for (const effectiveDate of [open!.validFrom, "2024-12-31"]) {
      expect(await expectUnchanged(db, () => fieldErrorsOf(moveOrganization(salesBj, dealer.id, { parentId: target.id, effectiveDate })))).toEqual({
        effectiveDate: ["validation.effectiveDateBeforeCurrent"],
      });
    }
    expect(await historyOf(dealer.id)).toEqual([open]);
    expect((await current(dealer.id)).parentId).toBe(dealer.parentId);
  });

  it("places a dealer directly under the distributor when no parent is given", async () => {
    const dealer = bjDealers[3]!;
    const moved = await moveOrganization(salesBj, dealer.id, { parentId: "", effectiveDate: "2026-04-01" });
    expect(moved.parentId).toBeNull();
    expect(await parentOn(dealer.id, "2026-04-01")).toBeNull();
    expect(await parentOn(dealer.id, "2026-03-31")).toBe(dealer.parentId);
  });

  it("refuses a move to the current parent", async () => {
    const dealer = bjDealers[4]!;
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(moveOrganization(salesBj, dealer.id, { parentId: dealer.parentId, effectiveDate: "2026-05-01" }))),
    ).toEqual({ parentId: ["validation.sameParent"] });
  });

  it("refuses placing an organization under itself", async () => {
    const dealer = bjDealers[5]!;
    // The kind rule already refuses it (a dealer is no parent kind of a dealer).
    expect(await expectUnchanged(db, () => fieldErrorsOf(moveOrganization(salesBj, dealer.id, { parentId: dealer.id, effectiveDate: "2026-05-01" })))).toEqual({
      parentId: ["validation.parentKind"],
    });
  });

  it("refuses placing an organization under its own descendant", async () => {
    // The kind rules alone keep the tree acyclic, so the cycle check guards data that already breaks
    // them: an agent that sits under a dealer (as imported data might).
    const dealer = bjDealers[6]!;
    const agent = (await orgsOf("agent", bjId)).find((a) => a.id !== dealer.parentId)!;
    await db.update(organizations).set({ parentId: dealer.id }).where(eq(organizations.id, agent.id));
    try {
      expect(await expectUnchanged(db, () => fieldErrorsOf(moveOrganization(salesBj, dealer.id, { parentId: agent.id, effectiveDate: "2026-05-01" })))).toEqual({
        parentId: ["validation.parentCycle"],
      });
      expect((await current(dealer.id)).parentId).toBe(dealer.parentId);
    } finally {
      await db.update(organizations).set({ parentId: agent.parentId }).where(eq(organizations.id, agent.id));
    }
  });

  it.each([
    ["a dealer under a dealer", "dealer", "dealer"],
    ["a dealer under a key account", "dealer", "key_account"],
    ["a dealer under a repair station", "dealer", "repair_station"],
    ["a dealer under a branch", "dealer", "branch"],
    ["an agent under an agent", "agent", "agent"],
    ["an agent under a dealer", "agent", "dealer"],
    ["a master distributor under a master distributor", "master_distributor", "master_distributor"],
    ["a key account under an agent", "key_account", "agent"],
  ] as const)("refuses %s", async (_what, kind, parentKind) => {
    const [org] = await orgsOf(kind, bjId);
    const parent = (await orgsOf(parentKind, shId)).find((p) => p.id !== org!.id)!;
    expect(await expectUnchanged(db, () => fieldErrorsOf(moveOrganization(admin, org!.id, { parentId: parent.id, effectiveDate: "2026-05-01" })))).toEqual({
      parentId: ["validation.parentKind"],
    });
  });

  it("allows an agent under a master distributor", async () => {
    const agent = (await orgsOf("agent", bjId, "master_distributor"))[1]!;
    const md = await db.select().from(organizations).where(and(eq(organizations.kind, "master_distributor"), sql`${organizations.id} <> ${agent.parentId}`));
    const moved = await moveOrganization(admin, agent.id, { parentId: md[0]!.id, effectiveDate: "2026-05-01" });
    expect(moved.parentId).toBe(md[0]!.id);
  });

  it.each([
    ["a branch", "branch"],
    ["a master distributor", "master_distributor"],
    ["a key account", "key_account"],
  ] as const)("refuses to move %s at all", async (_what, kind) => {
    const [org] = await orgsOf(kind, bjId);
    const before = await current(org!.id);
    expect(await expectUnchanged(db, () => fieldErrorsOf(moveOrganization(admin, org!.id, { parentId: "", effectiveDate: "2026-05-01" })))).toEqual({
      parentId: ["validation.noParentAllowed"],
    });
    expect(await current(org!.id)).toEqual(before);
  });

  it("answers a parent outside the actor's branches with parentNotFound", async () => {
    const dealer = bjDealers[7]!;
    const shanghaiAgent = (await orgsOf("agent", shId))[0]!;
    for (const parentId of [shanghaiAgent.id, "00000000-0000-4000-8000-000000000000"]) {
      expect(await expectUnchanged(db, () => fieldErrorsOf(moveOrganization(salesBj, dealer.id, { parentId, effectiveDate: "2026-05-01" })))).toEqual({
        parentId: ["validation.parentNotFound"],
      });
    }
    expect((await current(dealer.id)).parentId).toBe(dealer.parentId);
  });

  it("hides an organization outside the actor's branches", async () => {
    const shanghaiDealer = (await orgsOf("dealer", shId, "agent"))[0]!;
    const shanghaiAgent = (await orgsOf("agent", shId)).find((a) => a.id !== shanghaiDealer.parentId)!;
    await expectUnchanged(db, () => expect(
      moveOrganization(salesBj, shanghaiDealer.id, { parentId: shanghaiAgent.id, effectiveDate: "2026-05-01" }),
    ).rejects.toThrow(NotFoundError));
  });

  it("validates the input", async () => {
    const dealer = bjDealers[8]!;
    expect(await expectUnchanged(db, () => fieldErrorsOf(moveOrganization(salesBj, dealer.id, { parentId: "AG-001", effectiveDate: "2026-13-01" })))).toEqual({
      parentId: ["validation.invalid"],
      effectiveDate: ["validation.date"],
    });
  });

  it.each([
    ["finance", () => finance],
    ["a partner admin", () => dealerAdmin],
  ])("forbids %s", async (_what, who) => {
    const own = await orgByCode(db, "DL-0001");
    const agent = (await orgsOf("agent", bjId)).find((a) => a.id !== own.parentId)!;
    await expectUnchanged(db, () => expect(moveOrganization(who(), own.id, { parentId: agent.id, effectiveDate: "2026-05-01" })).rejects.toThrow(ForbiddenError));
  });
});

describe("listParentCandidates", () => {
  it("offers a dealer the master distributors and agents of the actor's branches", async () => {
    const dealer = (await orgsOf("dealer", bjId))[0]!;
    const candidates = await listParentCandidates(salesBj, dealer.id);
    const expected = [...(await orgsOf("master_distributor", bjId)), ...(await orgsOf("agent", bjId))].map((o) => o.id);
    expect(candidates.map((c) => c.id).sort()).toEqual(expected.sort());
  });

  it("offers nothing to kinds that have no parent", async () => {
    const [keyAccount] = await orgsOf("key_account", bjId);
    expect(await listParentCandidates(salesBj, keyAccount!.id)).toEqual([]);
  });
});
