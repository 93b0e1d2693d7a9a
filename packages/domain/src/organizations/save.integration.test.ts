import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { idempotencyKeys, organizationParents, organizations, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ConflictError, ForbiddenError, NotFoundError } from "../shared/errors";
import { fieldErrorsOf } from "@cs/testing/errors";
import { auditOf, ctxOf, formOf, newKey, orgByCode, seedDemoData, unusedCreditCode, writeCounts } from "@cs/testing/demo";
import { createOrganization, updateOrganization, updateOwnCompany } from "./save";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let admin: Ctx;
let salesBj: Ctx;
let finance: Ctx;
let dealer: Ctx;
let buyer: Ctx;
let customer: Ctx;
let bjId: string;
let shId: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [admin, salesBj, finance, dealer, buyer, customer] = (await Promise.all(
    ["admin@demo.cn", "sales.bj@demo.cn", "finance@demo.cn", "dealer@demo.cn", "buyer@demo.cn", "customer@demo.cn"].map((l) =>
      ctxOf(db, l),
    ),
  )) as [Ctx, Ctx, Ctx, Ctx, Ctx, Ctx];
  bjId = (await orgByCode(db, "BJ")).id;
  shId = (await orgByCode(db, "SH")).id;
});

async function newDealerForm(seed: number, overrides: Record<string, unknown> = {}) {
  return {
    _key: newKey(),
    kind: "dealer",
    name: `北京测试${seed}电脑有限公司`,
    shortName: "测试",
    taxId: await unusedCreditCode(db, seed),
    ownerBranchId: bjId,
    tier: "silver",
    region: "north",
    province: "北京市",
    city: "北京市",
    address: "海淀区中关村大街1号",
    phone: "(010) 62345678",
    creditLimit: "150,000.50",
    paymentTermsDays: "45",
    ...overrides,
  };
}

describe("createOrganization", () => {
  it("writes the organization, its first parent period and an audit row together", async () => {
    const before = await writeCounts(db);
    const form = await newDealerForm(1);
    const created = await createOrganization(salesBj, form);

    expect(created).toMatchObject({
      kind: "dealer",
      code: "DL-0201",
      name: form.name,
      taxId: form.taxId,
      ownerBranchId: bjId,
      parentId: null,
      phone: "010-62345678",
      creditLimitFen: 15000050n,
      paymentTermsDays: 45,
      version: 1,
      status: "active",
    });
    const [row] = await db.select().from(organizations).where(eq(organizations.id, created.id));
    expect(row).toEqual(created);

    const history = await db.select().from(organizationParents).where(eq(organizationParents.organizationId, created.id));
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ parentId: null, validTo: null, changedBy: salesBj.actor.userId });
    expect(history[0]!.validFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    const audit = await auditOf(db, created.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "create", entity: "organization", actorId: salesBj.actor.userId });
    expect(audit[0]!.after).toMatchObject({ id: created.id, code: "DL-0201", taxId: form.taxId, creditLimitFen: "15000050" });

    expect(await writeCounts(db)).toEqual({
      organizations: before.organizations + 1,
      parents: before.parents + 1,
      audit: before.audit + 1,
      keys: before.keys + 1,
    });
  });

  it("creates once when the same form is submitted twice", async () => {
    const form = await newDealerForm(2);
    const first = await createOrganization(salesBj, form);
    const counts = await writeCounts(db);
    const again = await createOrganization(salesBj, { ...form });
    expect(again.id).toBe(first.id);
    expect(await writeCounts(db)).toEqual(counts);
  });

  it("creates once when the same form arrives twice at the same moment", async () => {
    const form = await newDealerForm(10);
    const counts = await writeCounts(db);
    const [a, b] = await Promise.all([createOrganization(salesBj, form), createOrganization(salesBj, { ...form })]);
    expect(a.id).toBe(b.id);
    expect((await writeCounts(db)).organizations).toBe(counts.organizations + 1);
  });

  it("gives concurrent creations distinct codes", async () => {
    const forms = await Promise.all([11, 12, 13].map((seed) => newDealerForm(seed)));
    const created = await Promise.all(forms.map((form) => createOrganization(salesBj, form)));
    expect(new Set(created.map((o) => o.code)).size).toBe(3);
  });

  it("refuses a reused key with different content", async () => {
    const form = await newDealerForm(3);
    await createOrganization(salesBj, form);
    const counts = await writeCounts(db);
    const error = await expectUnchanged(db, () => createOrganization(salesBj, { ...form, name: "另一家公司" }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "errors.keyReused" });
    expect(await writeCounts(db)).toEqual(counts);
  });

  it.each([
    ["missing", undefined],
    ["empty", ""],
    ["too short", "abc"],
    ["not a string", 12345678],
  ])("refuses a %s _key and writes nothing", async (_what, key) => {
    const counts = await writeCounts(db);
    const form = { ...(await newDealerForm(4)), _key: key };
    expect(await expectUnchanged(db, () => fieldErrorsOf(createOrganization(salesBj, form)))).toEqual({ form: ["validation.missingKey"] });
    expect(await writeCounts(db)).toEqual(counts);
  });

  it("refuses an invalid credit code and phone with field keys, writing nothing", async () => {
    const counts = await writeCounts(db);
    const form = await newDealerForm(5, { taxId: "91110000600037341K", phone: "12345" });
    expect(await expectUnchanged(db, () => fieldErrorsOf(createOrganization(salesBj, form)))).toEqual({
      taxId: ["validation.creditCode"],
      phone: ["validation.phone"],
    });
    expect(await writeCounts(db)).toEqual(counts);
  });

  it("refuses Beijing sales creating in the Shanghai branch", async () => {
    const counts = await writeCounts(db);
    const form = await newDealerForm(6, { ownerBranchId: shId });
    expect(await expectUnchanged(db, () => fieldErrorsOf(createOrganization(salesBj, form)))).toEqual({ ownerBranchId: ["validation.branchOutOfScope"] });
    expect(await writeCounts(db)).toEqual(counts);
  });

  it("lets only all-branch staff create a branch", async () => {
    const branch = { _key: newKey(), kind: "branch", name: "华信达科技集团有限公司西安分公司", region: "southwest", city: "西安市", phone: "029-88776655" };
    expect(await expectUnchanged(db, () => fieldErrorsOf(createOrganization(salesBj, branch)))).toEqual({ ownerBranchId: ["validation.branchOutOfScope"] });
    const created = await createOrganization(admin, branch);
    // A branch owns itself.
    expect(created).toMatchObject({ kind: "branch", code: "BR-0001", ownerBranchId: created.id });
  });

  it("refuses a tax id another organization has, writing nothing and leaving the key usable", async () => {
    const taken = (await orgByCode(db, "DL-0002")).taxId!;
    const form = await newDealerForm(7, { taxId: taken.toLowerCase() });
    const counts = await writeCounts(db);
    expect(await expectUnchanged(db, () => fieldErrorsOf(createOrganization(salesBj, form)))).toEqual({ taxId: ["validation.taxIdTaken"] });
    expect(await writeCounts(db)).toEqual(counts);
    const [claim] = await db.select().from(idempotencyKeys).where(eq(idempotencyKeys.key, form._key));
    expect(claim).toBeUndefined();
    // The same form, corrected, goes through with the same key.
    const fixed = await createOrganization(salesBj, { ...form, taxId: await unusedCreditCode(db, 8) });
    expect(fixed.kind).toBe("dealer");
  });

  it.each([
    ["a partner admin", () => dealer],
    ["a customer", () => customer],
    ["finance", () => finance],
  ])("forbids %s", async (_what, who) => {
    const counts = await writeCounts(db);
    await expectUnchanged(db, async () => expect(createOrganization(who(), await newDealerForm(9))).rejects.toThrow(ForbiddenError));
    expect(await writeCounts(db)).toEqual(counts);
  });
});

describe("updateOrganization", () => {
  /** A Beijing dealer no other test touches. */
  async function bjDealer(code: string) {
    const org = await orgByCode(db, code);
    expect(org.ownerBranchId).toBe(bjId);
    return org;
  }

  it("writes the changes and audits only the changed fields", async () => {
    const org = await bjDealer("DL-0009");
    const updated = await updateOrganization(salesBj, org.id, { ...formOf(org), name: "北京新名称电脑有限公司", creditLimit: "88,000" });
    expect(updated).toMatchObject({ name: "北京新名称电脑有限公司", creditLimitFen: 8800000n, version: org.version + 1 });
    expect(updated.taxId).toBe(org.taxId);

    const audit = await auditOf(db, org.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "update",
      actorId: salesBj.actor.userId,
      before: { name: org.name, creditLimitFen: String(org.creditLimitFen) },
      after: { name: "北京新名称电脑有限公司", creditLimitFen: "8800000" },
    });
    expect(Object.keys(audit[0]!.before as object).sort()).toEqual(["creditLimitFen", "name"]);
  });

  it("writes nothing when nothing changed", async () => {
    const org = await bjDealer("DL-0013");
    const same = await updateOrganization(salesBj, org.id, formOf(org));
    expect(same.version).toBe(org.version);
    expect(await auditOf(db, org.id)).toEqual([]);
  });

  it("refuses a stale edit with different values", async () => {
    const org = await bjDealer("DL-0017");
    await updateOrganization(salesBj, org.id, { ...formOf(org), address: "第一次修改" });
    const error = await expectUnchanged(db, () => updateOrganization(finance, org.id, { ...formOf(org), paymentTermsDays: "60" }).catch((e: unknown) => e));
    expect(error).toBeInstanceOf(ConflictError);
    expect(error).toMatchObject({ code: "errors.staleEdit" });
    const [row] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    expect(row).toMatchObject({ address: "第一次修改", paymentTermsDays: org.paymentTermsDays, version: org.version + 1 });
    expect(await auditOf(db, org.id)).toHaveLength(1);
  });

  it("accepts a retry of an update that already landed, without a second audit row", async () => {
    const org = await bjDealer("DL-0021");
    const form = { ...formOf(org), phone: "010-66668888", tier: "gold" };
    const first = await updateOrganization(salesBj, org.id, form);
    const retry = await updateOrganization(salesBj, org.id, form);
    expect(retry).toMatchObject({ id: org.id, version: first.version, phone: "010-66668888", tier: "gold" });
    expect(await auditOf(db, org.id)).toHaveLength(1);
  });

  it("refuses to change the kind", async () => {
    const org = await bjDealer("DL-0025");
    expect(await expectUnchanged(db, () => fieldErrorsOf(updateOrganization(salesBj, org.id, { ...formOf(org), kind: "agent" })))).toEqual({
      kind: ["validation.kindFixed"],
    });
  });

  it("refuses moving an organization to a branch the actor does not work in", async () => {
    const org = await bjDealer("DL-0029");
    expect(await expectUnchanged(db, () => fieldErrorsOf(updateOrganization(salesBj, org.id, { ...formOf(org), ownerBranchId: shId })))).toEqual({
      ownerBranchId: ["validation.branchOutOfScope"],
    });
    expect(await auditOf(db, org.id)).toEqual([]);
  });

  it("refuses a tax id another organization has", async () => {
    const org = await bjDealer("DL-0033");
    const taken = (await orgByCode(db, "DL-0002")).taxId!;
    expect(await expectUnchanged(db, () => fieldErrorsOf(updateOrganization(salesBj, org.id, { ...formOf(org), taxId: taken })))).toEqual({
      taxId: ["validation.taxIdTaken"],
    });
  });

  it("hides organizations outside the actor's branches", async () => {
    const other = await orgByCode(db, "DL-0002");
    await expectUnchanged(db, () => expect(updateOrganization(salesBj, other.id, { ...formOf(other), name: "改名" })).rejects.toThrow(NotFoundError));
    expect(await auditOf(db, other.id)).toEqual([]);
  });

  it.each([
    ["a partner admin", () => dealer],
    ["a customer", () => customer],
  ])("forbids %s", async (_what, who) => {
    const own = await orgByCode(db, "DL-0001");
    await expectUnchanged(db, () => expect(updateOrganization(who(), own.id, { ...formOf(own), name: "改名" })).rejects.toThrow(ForbiddenError));
  });
});

describe("updateOwnCompany", () => {
  it("lets a partner admin change phone and address only, audited", async () => {
    const own = await orgByCode(db, "DL-0001");
    const updated = await updateOwnCompany(dealer, {
      version: String(own.version),
      shortName: own.shortName,
      phone: "010 88886666",
      address: "北京市海淀区新地址1号",
      // Not editable by a partner: ignored.
      name: "自己改的名字",
      creditLimit: "99999999",
      tier: "strategic",
    });
    expect(updated).toMatchObject({
      name: own.name,
      creditLimitFen: own.creditLimitFen,
      tier: own.tier,
      phone: "010-88886666",
      address: "北京市海淀区新地址1号",
      version: own.version + 1,
    });
    const audit = await auditOf(db, own.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "update",
      actorId: dealer.actor.userId,
      actorOrganizationId: own.id,
      before: { phone: own.phone, address: own.address },
      after: { phone: "010-88886666", address: "北京市海淀区新地址1号" },
    });
  });

  it("requires a phone", async () => {
    const own = await orgByCode(db, "DL-0001");
    expect(await expectUnchanged(db, () => fieldErrorsOf(updateOwnCompany(dealer, { version: String(own.version), phone: "" })))).toEqual({
      phone: ["validation.required"],
    });
  });

  it.each([
    ["a partner buyer", () => buyer],
    ["a customer", () => customer],
    ["staff", () => salesBj],
  ])("forbids %s", async (_what, who) => {
    await expectUnchanged(db, () => expect(updateOwnCompany(who(), { version: "1", phone: "010-62345678" })).rejects.toThrow(ForbiddenError));
  });

  it("refuses a stale version and never touches another partner's organization", async () => {
    const other = await orgByCode(db, "DL-0002");
    const own = await orgByCode(db, "DL-0001");
    const form = { version: String(own.version), shortName: own.shortName, address: own.address };
    await updateOwnCompany(dealer, { ...form, phone: "010-62345670" });
    await expectUnchanged(db, () => expect(updateOwnCompany(dealer, { ...form, phone: "010-62345671" })).rejects.toThrow(ConflictError));
    expect((await orgByCode(db, "DL-0001")).phone).toBe("010-62345670");
    expect(await orgByCode(db, "DL-0002")).toEqual(other);
    expect(await auditOf(db, other.id)).toEqual([]);
  });
});
