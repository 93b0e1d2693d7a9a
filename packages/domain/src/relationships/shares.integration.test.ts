import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { NotFoundError } from "../shared/errors";
import type { Ctx } from "../shared/context";
import { getOrganization } from "../organizations/get";
import { listOrganizations, organizationListQuery } from "../organizations/list";
import { updateOrganization } from "../organizations/save";
import { addDays, shanghaiToday } from "../shared/dates";
import { auditOf, ctxOf, formOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { expectUnchanged } from "@cs/testing/unchanged";
import { listOrganizationShares, shareOrganization, unshareOrganization } from "./shares";

/** Explicit sharing (docs/decisions/029): a Shanghai partner shared with Beijing staff, by user, branch and division, with expiry. */

let db: Database;
let admin: Ctx;
let salesSh: Ctx;
let salesBj: Ctx;
let salesNet: Ctx;
let partner: { id: string };

const today = shanghaiToday();
const listed = async (ctx: Ctx, q: string) => (await listOrganizations(ctx, organizationListQuery.parse({ q }))).rows.map((r) => r.code);
const sees = (ctx: Ctx) => getOrganization(ctx, partner.id).then(() => true, (e: unknown) => (e instanceof NotFoundError ? false : Promise.reject(e)));
const share = (ctx: Ctx, grantee: string, access: "read" | "edit", expiresOn = addDays(today, 7)) =>
  shareOrganization(ctx, partner.id, { _key: newKey(), grantee, access, expiresOn });

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [admin, salesSh, salesBj, salesNet] = await Promise.all(["admin@demo.cn", "sales.sh@demo.cn", "sales.bj@demo.cn", "sales.net@demo.cn"].map((l) => ctxOf(db, l))) as [Ctx, Ctx, Ctx, Ctx];
  partner = await orgByCode(db, "DL-0002");
});

describe("sharing an organization", () => {
  it("shares a Shanghai partner with one Beijing salesperson to read: in its list and by id, not editable, audited", async () => {
    expect(await sees(salesBj)).toBe(false);
    expect(await listed(salesBj, "DL-0002")).toEqual([]);
    const { id } = await share(salesSh, `user:${salesBj.actor.userId}`, "read");
    expect(await sees(salesBj)).toBe(true);
    expect(await listed(salesBj, "DL-0002")).toEqual(["DL-0002"]);
    const org = await orgByCode(db, "DL-0002");
    await expectUnchanged(db, () => expect(updateOrganization(salesBj, partner.id, { ...formOf(org), shortName: "读共享不能改" })).rejects.toThrow(NotFoundError));
    const audit = await auditOf(db, partner.id);
    expect(audit.at(-1)).toMatchObject({ action: "share", actorId: salesSh.actor.userId, after: expect.objectContaining({ id, access: "read" }) });
    await unshareOrganization(salesSh, partner.id, { shareId: id });
    expect(await sees(salesBj)).toBe(false);
    expect((await auditOf(db, partner.id)).at(-1)).toMatchObject({ action: "unshare", before: expect.objectContaining({ id }) });
    await expect(unshareOrganization(salesSh, partner.id, { shareId: id })).rejects.toThrow(NotFoundError);
  });

  it("lets an edit share edit", async () => {
    const { id } = await share(salesSh, `user:${salesBj.actor.userId}`, "edit");
    const org = await orgByCode(db, "DL-0002");
    await updateOrganization(salesBj, partner.id, { ...formOf(org), phone: "021-87654321" });
    expect((await orgByCode(db, "DL-0002")).phone).toBe("021-87654321");
    await unshareOrganization(salesSh, partner.id, { shareId: id });
  });

  it("reaches a branch's staff and a division's staff", async () => {
    const branch = await orgByCode(db, "BJ");
    const byBranch = await share(admin, `branch:${branch.id}`, "read");
    expect(await sees(salesBj)).toBe(true);
    // A share reaches everyone whose branch list names the branch, whatever their divisions (DL-0002 is not of networking).
    expect(await sees(salesNet)).toBe(true);
    expect(await sees(salesSh)).toBe(true);
    await unshareOrganization(admin, partner.id, { shareId: byBranch.id });
    const [{ id: net } = { id: "" }] = await db.execute<{ id: string }>(sql`select id from divisions where code = 'NET'`);
    const byDivision = await share(admin, `division:${net}`, "read");
    expect(await sees(salesNet)).toBe(true);
    expect(await sees(salesBj)).toBe(false);
    await unshareOrganization(admin, partner.id, { shareId: byDivision.id });
    expect(await sees(salesNet)).toBe(false);
  });

  it("stops applying once expired, and lists it as expired", async () => {
    const { id } = await share(salesSh, `user:${salesBj.actor.userId}`, "read", today);
    expect(await sees(salesBj)).toBe(true);
    // The day passes.
    await db.execute(sql`update record_shares set expires_at = now() - interval '1 second' where id = ${id}`);
    expect(await sees(salesBj)).toBe(false);
    expect(await listed(salesBj, "DL-0002")).toEqual([]);
    const rows = await listOrganizationShares(salesSh, partner.id);
    expect(rows.find((r) => r.id === id)).toMatchObject({ expired: true, userName: salesBj.actor.displayName });
  });

  it("refuses an expiry already past with a translated error and changes nothing", async () => {
    const errors = await expectUnchanged(db, () => fieldErrorsOf(share(salesSh, `user:${salesBj.actor.userId}`, "read", addDays(today, -1))));
    expect(errors).toEqual({ expiresOn: ["relations.share.validation.expired"] });
  });

  it.each([
    ["a partner user", async () => `user:${(await ctxOf(db, "dealer@demo.cn")).actor.userId}`],
    ["a dealer as a branch", async () => `branch:${partner.id}`],
    ["an unknown division", async () => "division:00000000-0000-4000-8000-000000000000"],
    ["no kind", async () => "00000000-0000-4000-8000-000000000000"],
  ])("refuses %s as grantee", async (_what, grantee) => {
    const errors = await expectUnchanged(db, async () => fieldErrorsOf(share(salesSh, await grantee(), "read")));
    expect(errors).toEqual({ grantee: ["validation.invalid"] });
  });

  it("lets nobody share what it may not edit", async () => {
    await expectUnchanged(db, () => expect(share(salesBj, `user:${salesBj.actor.userId}`, "edit")).rejects.toThrow(NotFoundError));
  });
});
