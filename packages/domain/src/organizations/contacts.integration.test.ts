import { and, asc, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addresses, contacts, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ConflictError, ForbiddenError, NotFoundError } from "../shared/errors";
import { fieldErrorsOf } from "@cs/testing/errors";
import { auditOf, ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { deleteContact, saveAddress, saveContact } from "./contacts";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let salesBj: Ctx;
let partnerAdmin: Ctx;
let buyer: Ctx;
let customer: Ctx;

const contactsOf = (organizationId: string) =>
  db.select().from(contacts).where(eq(contacts.organizationId, organizationId)).orderBy(asc(contacts.createdAt), asc(contacts.id));
const addressesOf = (organizationId: string) =>
  db.select().from(addresses).where(eq(addresses.organizationId, organizationId)).orderBy(asc(addresses.createdAt), asc(addresses.id));
const auditActions = async (organizationId: string) => (await auditOf(db, organizationId)).map((a) => a.action);

const contactForm = (overrides: Record<string, unknown> = {}) => ({
  _key: newKey(),
  name: "王磊",
  title: "采购经理",
  mobile: "+86 139 1234 5678",
  phone: "",
  email: "Wang.Lei@Example.cn",
  birthday: "",
  ...overrides,
});

const addressForm = (overrides: Record<string, unknown> = {}) => ({
  _key: newKey(),
  label: "仓库",
  recipient: "王磊",
  phone: "139-1234-5678",
  province: "北京市",
  city: "北京市",
  district: "大兴区",
  line: "物流园路8号3号库",
  ...overrides,
});

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [salesBj, partnerAdmin, buyer, customer] = (await Promise.all(
    ["sales.bj@demo.cn", "dealer@demo.cn", "buyer@demo.cn", "customer@demo.cn"].map((l) => ctxOf(db, l)),
  )) as [Ctx, Ctx, Ctx, Ctx];
});

describe("saveContact", () => {
  it("creates a contact once per form key, audited", async () => {
    const org = await orgByCode(db, "DL-0009");
    const before = await contactsOf(org.id);
    const form = contactForm();
    const { id } = await saveContact(salesBj, org.id, undefined, form);
    const [row] = await db.select().from(contacts).where(eq(contacts.id, id));
    expect(row).toMatchObject({
      organizationId: org.id,
      name: "王磊",
      mobile: "13912345678",
      phone: null,
      email: "wang.lei@example.cn",
      birthday: null,
      isPrimary: false,
    });
    expect(await auditActions(org.id)).toEqual(["contact.create"]);

    const again = await saveContact(salesBj, org.id, undefined, { ...form });
    expect(again.id).toBe(id);
    expect(await contactsOf(org.id)).toHaveLength(before.length + 1);
    expect(await auditActions(org.id)).toEqual(["contact.create"]);

    await expectUnchanged(db, () => expect(saveContact(salesBj, org.id, undefined, { ...form, name: "别人" })).rejects.toThrow(ConflictError));
    expect(await expectUnchanged(db, () => fieldErrorsOf(saveContact(salesBj, org.id, undefined, { ...form, _key: undefined })))).toEqual({
      form: ["validation.missingKey"],
    });
    expect(await contactsOf(org.id)).toHaveLength(before.length + 1);
  });

  it("updates a contact and audits only what changed", async () => {
    const org = await orgByCode(db, "DL-0013");
    const [existing] = await contactsOf(org.id);
    const form = {
      name: existing!.name,
      title: "副总经理",
      mobile: existing!.mobile,
      phone: existing!.phone,
      email: existing!.email,
      birthday: existing!.birthday,
      isPrimary: String(existing!.isPrimary),
    };
    const updated = await saveContact(salesBj, org.id, existing!.id, form);
    expect(updated).toMatchObject({ id: existing!.id, title: "副总经理", mobile: existing!.mobile });
    const audit = await auditOf(db, org.id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "contact.update",
      before: { contact: existing!.name, title: existing!.title },
      after: { contact: existing!.name, title: "副总经理" },
    });
    expect(Object.keys(audit[0]!.after as object).sort()).toEqual(["contact", "title"]);

    // Saving the same values again writes nothing.
    await saveContact(salesBj, org.id, existing!.id, form);
    expect(await auditOf(db, org.id)).toHaveLength(1);
  });

  it("refuses a contact that cannot be reached", async () => {
    const org = await orgByCode(db, "DL-0017");
    const before = await contactsOf(org.id);
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(saveContact(salesBj, org.id, undefined, contactForm({ mobile: "", phone: " ", email: undefined })))),
    ).toEqual({ mobile: ["validation.contactReachable"] });
    expect(await contactsOf(org.id)).toEqual(before);
  });

  it("reports malformed fields by name", async () => {
    const org = await orgByCode(db, "DL-0017");
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(
        saveContact(salesBj, org.id, undefined, contactForm({ name: "", mobile: "12345", phone: "13800138000", email: "x@", birthday: "1990-02-30" })),
      )),
    ).toEqual({
      name: ["validation.required"],
      mobile: ["validation.mobile"],
      phone: ["validation.landline"],
      email: ["validation.email"],
      birthday: ["validation.date"],
    });
  });

  it("keeps one primary contact", async () => {
    const org = await orgByCode(db, "DL-0021");
    const seeded = await contactsOf(org.id);
    expect(seeded.filter((c) => c.isPrimary)).toHaveLength(1);

    const { id } = await saveContact(salesBj, org.id, undefined, contactForm({ isPrimary: "on" }));
    let primaries = (await contactsOf(org.id)).filter((c) => c.isPrimary).map((c) => c.id);
    expect(primaries).toEqual([id]);

    const other = seeded[0]!;
    await saveContact(salesBj, org.id, other.id, { ...other, isPrimary: true });
    primaries = (await contactsOf(org.id)).filter((c) => c.isPrimary).map((c) => c.id);
    expect(primaries).toEqual([other.id]);
  });

  it("keeps the created contact primary when a primary-contact form is submitted twice", async () => {
    const org = await orgByCode(db, "DL-0025");
    const form = contactForm({ isPrimary: "true" });
    const { id } = await saveContact(salesBj, org.id, undefined, form);
    await saveContact(salesBj, org.id, undefined, { ...form });
    expect((await contactsOf(org.id)).filter((c) => c.isPrimary).map((c) => c.id)).toEqual([id]);
  });

  it("does not touch primaries of other organizations", async () => {
    const org = await orgByCode(db, "DL-0029");
    const elsewhere = await orgByCode(db, "DL-0033");
    const before = await contactsOf(elsewhere.id);
    await saveContact(salesBj, org.id, undefined, contactForm({ isPrimary: true }));
    expect(await contactsOf(elsewhere.id)).toEqual(before);
  });

  it("answers a contact of another organization with NotFoundError", async () => {
    const org = await orgByCode(db, "DL-0029");
    const [foreign] = await contactsOf((await orgByCode(db, "DL-0033")).id);
    await expectUnchanged(db, () => expect(saveContact(salesBj, org.id, foreign!.id, contactForm())).rejects.toThrow(NotFoundError));
    await expectUnchanged(db, () => expect(saveContact(salesBj, org.id, "not-a-contact-id", contactForm())).rejects.toThrow(NotFoundError));
    expect((await db.select().from(contacts).where(eq(contacts.id, foreign!.id)))[0]).toEqual(foreign);
  });
});

describe("deleteContact", () => {
  it("deletes once, audited; a second delete is a quiet no-op", async () => {
    const org = await orgByCode(db, "DL-0037");
    const [victim] = await contactsOf(org.id);
    const deleted = await deleteContact(salesBj, org.id, victim!.id);
    expect(deleted).toMatchObject({ id: victim!.id });
    expect(await db.select().from(contacts).where(eq(contacts.id, victim!.id))).toEqual([]);
    expect(await deleteContact(salesBj, org.id, victim!.id)).toBeNull();
    expect(await auditActions(org.id)).toEqual(["contact.delete"]);
    const [audit] = await auditOf(db, org.id);
    expect(audit!.before).toMatchObject({ id: victim!.id, name: victim!.name });
  });

  it("does not delete a contact through another organization", async () => {
    const org = await orgByCode(db, "DL-0037");
    const [foreign] = await contactsOf((await orgByCode(db, "DL-0041")).id);
    expect(await deleteContact(salesBj, org.id, foreign!.id)).toBeNull();
    expect(await deleteContact(salesBj, org.id, "not-a-contact-id")).toBeNull();
    expect(await db.select().from(contacts).where(eq(contacts.id, foreign!.id))).toHaveLength(1);
  });

  it("hides organizations outside the actor's scope", async () => {
    const shanghai = await orgByCode(db, "DL-0002");
    const [contact] = await contactsOf(shanghai.id);
    await expectUnchanged(db, () => expect(deleteContact(salesBj, shanghai.id, contact!.id)).rejects.toThrow(NotFoundError));
    await expectUnchanged(db, () => expect(deleteContact(partnerAdmin, shanghai.id, contact!.id)).rejects.toThrow(NotFoundError));
    expect(await contactsOf(shanghai.id)).toContainEqual(contact);
  });
});

describe("contacts and addresses for partners", () => {
  it("lets a partner admin add a contact to its own organization", async () => {
    const own = await orgByCode(db, "DL-0001");
    const { id } = await saveContact(partnerAdmin, own.id, undefined, contactForm({ name: "自助添加" }));
    expect((await contactsOf(own.id)).map((c) => c.id)).toContain(id);
    const [audit] = await auditOf(db, own.id);
    expect(audit).toMatchObject({ action: "contact.create", actorId: partnerAdmin.actor.userId, actorOrganizationId: own.id });
  });

  it("answers another partner's organization with NotFoundError", async () => {
    const other = await orgByCode(db, "DL-0002");
    const before = await contactsOf(other.id);
    await expectUnchanged(db, () => expect(saveContact(partnerAdmin, other.id, undefined, contactForm())).rejects.toThrow(NotFoundError));
    await expectUnchanged(db, () => expect(saveAddress(partnerAdmin, other.id, undefined, addressForm())).rejects.toThrow(NotFoundError));
    expect(await contactsOf(other.id)).toEqual(before);
  });

  it.each([
    ["a partner buyer", () => buyer],
    ["a customer", () => customer],
  ])("forbids %s", async (_what, who) => {
    const own = await orgByCode(db, "DL-0001");
    await expectUnchanged(db, () => expect(saveContact(who(), own.id, undefined, contactForm())).rejects.toThrow(ForbiddenError));
    await expectUnchanged(db, () => expect(saveAddress(who(), own.id, undefined, addressForm())).rejects.toThrow(ForbiddenError));
    const [contact] = await contactsOf(own.id);
    await expectUnchanged(db, () => expect(deleteContact(who(), own.id, contact!.id)).rejects.toThrow(ForbiddenError));
  });
});

describe("saveAddress", () => {
  it("creates once per form key, keeps one default, and audits updates", async () => {
    const org = await orgByCode(db, "DL-0045");
    const seeded = await addressesOf(org.id);
    expect(seeded.filter((a) => a.isDefault)).toHaveLength(1);

    const form = addressForm({ isDefault: "on" });
    const { id } = await saveAddress(salesBj, org.id, undefined, form);
    expect((await saveAddress(salesBj, org.id, undefined, { ...form })).id).toBe(id);
    const after = await addressesOf(org.id);
    expect(after).toHaveLength(seeded.length + 1);
    expect(after.filter((a) => a.isDefault).map((a) => a.id)).toEqual([id]);
    expect(after.find((a) => a.id === id)).toMatchObject({ phone: "13912345678", district: "大兴区", label: "仓库" });

    await saveAddress(salesBj, org.id, id, { ...form, line: "物流园路9号", district: "" });
    const [row] = await db.select().from(addresses).where(and(eq(addresses.id, id)));
    expect(row).toMatchObject({ line: "物流园路9号", district: null, isDefault: true });
    const audit = await auditOf(db, org.id);
    expect(audit.map((a) => a.action)).toEqual(["address.create", "address.update"]);
    expect(audit[1]).toMatchObject({
      before: { line: "物流园路8号3号库", district: "大兴区" },
      after: { line: "物流园路9号", district: null },
    });
  });

  it("keeps the created address the default when the form is submitted twice", async () => {
    const org = await orgByCode(db, "DL-0049");
    const form = addressForm({ isDefault: true });
    const { id } = await saveAddress(salesBj, org.id, undefined, form);
    await saveAddress(salesBj, org.id, undefined, { ...form });
    expect((await addressesOf(org.id)).filter((a) => a.isDefault).map((a) => a.id)).toEqual([id]);
  });

  it("requires a phone and the address lines", async () => {
    const org = await orgByCode(db, "DL-0049");
    expect(await expectUnchanged(db, () => fieldErrorsOf(saveAddress(salesBj, org.id, undefined, addressForm({ phone: "", line: "", province: undefined }))))).toEqual({
      phone: ["validation.required"],
      line: ["validation.required"],
      province: ["validation.required"],
    });
  });

  it("lets a partner admin add an address to its own organization", async () => {
    const own = await orgByCode(db, "DL-0001");
    const { id } = await saveAddress(partnerAdmin, own.id, undefined, addressForm());
    expect((await addressesOf(own.id)).map((a) => a.id)).toContain(id);
  });

  it("answers an address of another organization with NotFoundError", async () => {
    const org = await orgByCode(db, "DL-0049");
    const [foreign] = await addressesOf((await orgByCode(db, "DL-0053")).id);
    await expectUnchanged(db, () => expect(saveAddress(salesBj, org.id, foreign!.id, addressForm())).rejects.toThrow(NotFoundError));
    await expectUnchanged(db, () => expect(saveAddress(salesBj, org.id, "not-an-address-id", addressForm())).rejects.toThrow(NotFoundError));
  });
});
