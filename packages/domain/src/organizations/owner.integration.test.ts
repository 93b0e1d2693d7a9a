import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, organizations, users, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ConflictError, ForbiddenError } from "../shared/errors";
import { fieldErrorsOf } from "@cs/testing/errors";
import { ctxOf, formOf, newKey, orgByCode, seedDemoData, unusedCreditCode, userIdOf } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { listOrganizations, organizationListQuery } from "./list";
import { reassignAccountOwner } from "./reassign";
import { createOrganization, updateOrganization } from "./save";

let db: Database;
let admin: Ctx;
let salesBj: Ctx;
let salesSh: Ctx;
let warehouse: Ctx;
let bjId: string;
let ids: Record<string, string>;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [admin, salesBj, salesSh, warehouse] = (await Promise.all(
    ["admin@demo.cn", "sales.bj@demo.cn", "sales.sh@demo.cn", "warehouse@demo.cn"].map((l) => ctxOf(db, l)),
  )) as [Ctx, Ctx, Ctx, Ctx];
  bjId = (await orgByCode(db, "BJ")).id;
  ids = Object.fromEntries(
    await Promise.all(
      ["sales.bj@demo.cn", "sales.sh@demo.cn", "manager@demo.cn", "dealer@demo.cn", "warehouse@demo.cn"].map(async (l) => [l, await userIdOf(db, l)] as const),
    ),
  );
});

const ownerOf = async (id: string) => (await db.select({ o: organizations.accountOwnerId }).from(organizations).where(eq(organizations.id, id)))[0]!.o;
const freshBjDealer = async () => (await db.select().from(organizations).where(and(eq(organizations.ownerBranchId, bjId), eq(organizations.kind, "dealer"))).limit(1))[0]!;

describe("account owner on the organization form", () => {
  it("sets an owner of the account's branch on create, and the audit entry records it", async () => {
    const created = await createOrganization(salesBj, {
      _key: newKey(),
      kind: "dealer",
      name: "北京负责人测试电脑有限公司",
      taxId: await unusedCreditCode(db, 71),
      ownerBranchId: bjId,
      accountOwnerId: ids["sales.bj@demo.cn"],
      tier: "silver",
      region: "north",
      province: "北京市",
      city: "北京市",
      phone: "(010) 62345678",
    });
    expect(created.accountOwnerId).toBe(ids["sales.bj@demo.cn"]);
    const [entry] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, created.id), eq(auditLog.action, "create")));
    expect(entry!.after).toMatchObject({ accountOwnerId: ids["sales.bj@demo.cn"] });
  });

  it("changes the owner on update (an all-branch manager may own any account) and audits the change", async () => {
    const org = await freshBjDealer();
    const updated = await updateOrganization(salesBj, org.id, { ...formOf(org), accountOwnerId: ids["manager@demo.cn"] });
    expect(updated.accountOwnerId).toBe(ids["manager@demo.cn"]);
    const trail = await db.select().from(auditLog).where(and(eq(auditLog.entityId, org.id), eq(auditLog.action, "update")));
    expect(trail.at(-1)).toMatchObject({ before: { accountOwnerId: org.accountOwnerId }, after: { accountOwnerId: ids["manager@demo.cn"] } });
  });

  it("keeps the owner when a form leaves the field out", async () => {
    const org = await freshBjDealer();
    const owner = org.accountOwnerId;
    await updateOrganization(salesBj, org.id, { ...formOf(org), phone: "010-62340000" });
    expect(await ownerOf(org.id)).toBe(owner);
  });

  it.each([
    ["a partner login", "dealer@demo.cn", "relations.validation.ownerNotStaff"],
    ["staff of another branch", "sales.sh@demo.cn", "relations.validation.ownerOutOfBranch"],
  ])("refuses %s as owner, translated, and changes nothing", async (_what, login, key) => {
    const org = await freshBjDealer();
    const errors = await expectUnchanged(db, () => fieldErrorsOf(updateOrganization(salesBj, org.id, { ...formOf(org), accountOwnerId: ids[login] })));
    expect(errors).toEqual({ accountOwnerId: [key] });
  });

  it("refuses a disabled staff user and an unknown id", async () => {
    const org = await freshBjDealer();
    await db.update(users).set({ status: "disabled" }).where(eq(users.id, ids["warehouse@demo.cn"]!));
    try {
      for (const owner of [ids["warehouse@demo.cn"], "00000000-0000-4000-8000-000000000000"]) {
        const errors = await expectUnchanged(db, () => fieldErrorsOf(updateOrganization(salesBj, org.id, { ...formOf(org), accountOwnerId: owner })));
        expect(errors).toEqual({ accountOwnerId: ["relations.validation.ownerNotStaff"] });
      }
    } finally {
      await db.update(users).set({ status: "active" }).where(eq(users.id, ids["warehouse@demo.cn"]!));
    }
  });
});

describe("list filter by owner", () => {
  it("'mine' lists exactly the accounts the actor owns, 'none' those without an owner", async () => {
    const org = await freshBjDealer();
    await updateOrganization(salesBj, org.id, { ...formOf(await freshBjDealer()), accountOwnerId: ids["sales.bj@demo.cn"] });
    const mine = await listOrganizations(salesBj, organizationListQuery.parse({ owner: "mine", size: 100 }));
    expect(mine.rows.length).toBeGreaterThan(0);
    expect(mine.rows.every((r) => r.accountOwnerId === ids["sales.bj@demo.cn"])).toBe(true);
    expect(mine.rows.map((r) => r.id)).toContain(org.id);
    expect(mine.rows[0]!.ownerName).toBe("张伟");
    const none = await listOrganizations(salesBj, organizationListQuery.parse({ owner: "none", size: 100 }));
    expect(none.rows.every((r) => r.accountOwnerId === null)).toBe(true);
    expect(none.rows.map((r) => r.id)).not.toContain(org.id);
  });
});

describe("bulk reassignment", () => {
  const bjQuery = () => organizationListQuery.parse({ branch: bjId, kind: ["dealer"] });

  it("gives every account of the filter the new owner, one audit entry each, and a retry changes nothing more", async () => {
    const query = bjQuery();
    const matched = (await listOrganizations(salesBj, { ...query, size: 1000 })).rows;
    expect(matched.length).toBeGreaterThan(1);
    const form = { _key: newKey(), accountOwnerId: ids["sales.bj@demo.cn"], expected: String(matched.length) };
    const before = await Promise.all(matched.map((m) => ownerOf(m.id)));
    const result = await reassignAccountOwner(salesBj, query, form);
    expect(result).toEqual({ changed: before.filter((o) => o !== ids["sales.bj@demo.cn"]).length, matched: matched.length });
    for (const m of matched) expect(await ownerOf(m.id)).toBe(ids["sales.bj@demo.cn"]);
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.action, "owner.reassign"), eq(auditLog.actorId, salesBj.actor.userId)));
    expect(audits).toHaveLength(result.changed);
    expect(audits[0]!.after).toEqual({ accountOwnerId: ids["sales.bj@demo.cn"], bulk: true });
    // The same request again (a double click, a retry): the stored answer, no second write.
    expect(await expectUnchanged(db, () => reassignAccountOwner(salesBj, query, form))).toEqual(result);
  });

  it("refuses an owner who is not eligible for every matched account, changing none", async () => {
    const query = organizationListQuery.parse({});
    const matched = (await listOrganizations(admin, { ...query, size: 1 })).total;
    const errors = await expectUnchanged(db, () =>
      fieldErrorsOf(reassignAccountOwner(admin, query, { _key: newKey(), accountOwnerId: ids["sales.bj@demo.cn"], expected: String(matched) })),
    );
    expect(errors).toEqual({ accountOwnerId: ["relations.validation.ownerOutOfBranch"] });
    const bj = (await listOrganizations(salesBj, { ...bjQuery(), size: 1 })).total;
    const notStaff = await expectUnchanged(db, () =>
      fieldErrorsOf(reassignAccountOwner(salesBj, bjQuery(), { _key: newKey(), accountOwnerId: ids["dealer@demo.cn"], expected: String(bj) })),
    );
    expect(notStaff).toEqual({ accountOwnerId: ["relations.validation.ownerNotStaff"] });
  });

  it("refuses when the filter now matches a different number of accounts than the page showed", async () => {
    const error = await expectUnchanged(db, () =>
      reassignAccountOwner(salesBj, bjQuery(), { _key: newKey(), accountOwnerId: "", expected: "99999" }).catch((e: unknown) => e),
    );
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "relations.errors.filterChanged" });
  });

  it("only reaches accounts in the actor's scope: Shanghai sales cannot move Beijing accounts", async () => {
    const query = bjQuery();
    const error = await expectUnchanged(db, () =>
      reassignAccountOwner(salesSh, query, { _key: newKey(), accountOwnerId: ids["sales.sh@demo.cn"], expected: "1" }).catch((e: unknown) => e),
    );
    // Nothing of Beijing is visible to Shanghai: the filter matches no account at all.
    expect(error).toBeInstanceOf(ConflictError);
  });

  it("is refused outright to staff without account:assign", async () => {
    const error = await expectUnchanged(db, () => reassignAccountOwner(warehouse, bjQuery(), { _key: newKey(), accountOwnerId: "", expected: "1" }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ForbiddenError);
  });
});
