import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { addresses, contacts, type Database } from "@cs/db";
import type { Ctx } from "@cs/domain";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../tests/db";
import { form, outcome } from "../../../tests/route-outcome";
import { contactIntent } from "./contacts.server";

/** The contact and address forms both apps post (back-office partner page, portal "My company"). */

let db: Database;
let salesBj: Ctx;
let dealer: Ctx;
let ownOrg = "";
let otherOrg = "";

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [salesBj, dealer] = (await Promise.all(["sales.bj@demo.cn", "dealer@demo.cn"].map((login) => ctxOf(db, login)))) as [Ctx, Ctx];
  ownOrg = dealer.actor.organizationId!;
  otherOrg = (await orgByCode(db, "DL-0002")).id;
  expect(otherOrg).not.toBe(ownOrg);
});

const contactFields = (extra: [string, string][] = []): [string, string][] => [
  ["intent", "saveContact"],
  ["_key", newKey()],
  ["name", "赵敏"],
  ["title", "财务"],
  ["mobile", "13912345678"],
  ...extra,
];
const contactsOf = (organizationId: string) => db.select().from(contacts).where(eq(contacts.organizationId, organizationId));

describe("contactIntent", () => {
  it("a partner adds a contact to its own company, then edits and deletes it by its id", async () => {
    const answer = await outcome(contactIntent(dealer, ownOrg, form(contactFields()), "/company"));
    expect(answer).toMatchObject({ status: 302, location: "/company?done=contact.saved" });
    const [added] = (await contactsOf(ownOrg)).filter((c) => c.name === "赵敏");
    expect(added).toMatchObject({ title: "财务" });
    await outcome(contactIntent(dealer, ownOrg, form([...contactFields([["title", "财务总监"]]), ["contactId", added!.id]]), "/company"));
    expect((await contactsOf(ownOrg)).filter((c) => c.name === "赵敏").map((c) => c.title)).toEqual(["财务总监"]);
    const deleted = await outcome(contactIntent(dealer, ownOrg, form([["intent", "deleteContact"], ["contactId", added!.id]]), "/company"));
    expect(deleted).toMatchObject({ status: 302, location: "/company?done=contact.deleted" });
    expect((await contactsOf(ownOrg)).some((c) => c.id === added!.id)).toBe(false);
  });

  it("saves an address of the partner as typed", async () => {
    const answer = await outcome(
      contactIntent(
        salesBj,
        ownOrg,
        form([["intent", "saveAddress"], ["_key", newKey()], ["label", "二号仓"], ["recipient", "赵敏"], ["phone", "13912345678"], ["province", "北京市"], ["city", "北京市"], ["line", "物流园路9号"]]),
        "/partners/x",
      ),
    );
    expect(answer).toMatchObject({ status: 302, location: "/partners/x?done=address.saved" });
    const rows = await db.select().from(addresses).where(eq(addresses.organizationId, ownOrg));
    expect(rows.filter((a) => a.label === "二号仓").map((a) => [a.recipient, a.line])).toEqual([["赵敏", "物流园路9号"]]);
  });

  it("answers an unknown intent with nothing and changes nothing", async () => {
    const answer = await expectUnchanged(db, () => outcome(contactIntent(dealer, ownOrg, form([["intent", "deleteAll"], ...contactFields().slice(1)]), "/company")));
    expect(answer).toMatchObject({ thrown: false, status: null });
  });

  it.each(["__proto__", "constructor", "prototype"])("refuses a field named %s with 400 and saves nothing", async (name) => {
    const answer = await expectUnchanged(db, () => outcome(contactIntent(dealer, ownOrg, form(contactFields([[name, "x"]])), "/company")));
    expect(answer).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
  });

  it("refuses a contact no one can reach, keeping what was typed, and saves nothing", async () => {
    const answer = await expectUnchanged(db, () => outcome(contactIntent(dealer, ownOrg, form(contactFields([["mobile", ""]])), "/company")));
    expect(answer).toMatchObject({ thrown: false, status: 400, data: { error: { mobile: ["validation.contactReachable"] }, initialValue: { name: "赵敏" } } });
  });

  it("answers 404 to a partner writing to another partner's contacts or deleting one of them, and changes nothing", async () => {
    const answer = await expectUnchanged(db, () => outcome(contactIntent(dealer, otherOrg, form(contactFields()), "/company")));
    expect(answer).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
    const [theirs] = await contactsOf(otherOrg);
    expect(theirs).toBeDefined();
    const deleted = await expectUnchanged(db, () => outcome(contactIntent(dealer, otherOrg, form([["intent", "deleteContact"], ["contactId", theirs!.id]]), "/company")));
    expect(deleted).toMatchObject({ thrown: true, status: 404 });
    // nor through its own company's page with the other's contact id
    await expectUnchanged(db, () => outcome(contactIntent(dealer, ownOrg, form([["intent", "deleteContact"], ["contactId", theirs!.id]]), "/company")));
    expect((await contactsOf(otherOrg)).some((c) => c.id === theirs!.id)).toBe(true);
  });
});
