import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { NotFoundError } from "../shared/errors";
import { ctxOf, newKey, orgByCode, seedDemoData, userIdOf } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { expectUnchanged } from "@cs/testing/unchanged";
import { fileComplaint } from "./file";
import { complaintListQuery } from "./inputs";
import { getComplaint, listComplaints } from "./queries";
import { assignComplaint, resolveComplaint } from "./work";

let db: Database;
let orderId: string;
const base = { category: "delivery", severity: "critical", subject: "外包装破损", description: "两台显示器外箱破损，其中一台屏幕有划痕。" };

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  orderId = (await createShippedOrder(db, { lines: [{ sku: "CMP-1", quantity: 1, unitPriceFen: 50_000n }] })).orderId;
  // no calendar exception near the fixed day of the SLA test
  await db.execute(sql`delete from business_calendar_days where day between '2026-11-16' and '2026-11-30'`);
});

describe("complaints", () => {
  it("a partner files about its order: numbered, owned by its account owner, due in business hours by severity", async () => {
    const owner = await userIdOf(db, "sales.bj@demo.cn");
    await db.execute(sql`update organizations set account_owner_id = ${owner}::uuid where code = 'DL-0001'`);
    const dealer = await ctxOf(db, "dealer@demo.cn");
    // Friday 17:00 in Shanghai: 1 hour that evening and 3 on Monday morning
    const filed = await fileComplaint(dealer, { ...base, _key: newKey(), orderId }, new Date("2026-11-20T17:00:00+08:00"));
    expect(filed.number).toMatch(/^TS-\d{4}-\d{6}$/);
    expect(filed.dueAt.toISOString()).toBe(new Date("2026-11-23T12:00:00+08:00").toISOString());
    const { complaint } = await getComplaint(dealer, filed.id);
    expect(complaint).toMatchObject({ ownerId: owner, status: "open", orderId, severity: "critical" });
    const [notice] = await db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${owner}::uuid and kind = 'complaint.filed' and entity_id = ${filed.id}`);
    expect(notice!.n).toBe(1);
  });

  it("files once per submission, and refuses another's order and a customer's order link in words", async () => {
    const dealer = await ctxOf(db, "dealer@demo.cn");
    const key = newKey();
    const first = await fileComplaint(dealer, { ...base, _key: key });
    expect((await fileComplaint(dealer, { ...base, _key: key })).id).toBe(first.id);
    const other = await ctxOf(db, "dealer2@demo.cn");
    expect((await expectUnchanged(db, () => fieldErrorsOf(fileComplaint(other, { ...base, _key: newKey(), orderId })))).orderId).toEqual(["complaints.errors.orderNotFound"]);
    const customer = await ctxOf(db, "customer@demo.cn");
    expect((await fieldErrorsOf(fileComplaint(customer, { ...base, _key: newKey(), orderId }))).orderId).toEqual(["complaints.errors.orderNotFound"]);
    expect((await fieldErrorsOf(fileComplaint(dealer, { ...base, _key: newKey(), severity: "urgent" }))).severity).toEqual(["complaints.errors.severity"]);
  });

  it("a partner sees only its own complaints: another's id is not found", async () => {
    const dealer = await ctxOf(db, "dealer@demo.cn");
    const mine = await fileComplaint(dealer, { ...base, _key: newKey() });
    const other = await ctxOf(db, "dealer2@demo.cn");
    await expect(getComplaint(other, mine.id)).rejects.toBeInstanceOf(NotFoundError);
    const theirs = await listComplaints(other, complaintListQuery.parse({ status: "all" }));
    expect(theirs.rows.map((r) => r.id)).not.toContain(mine.id);
    await expect(resolveComplaint(other, { _key: newKey(), complaintId: mine.id, resolution: "x" })).rejects.toThrow("not allowed");
  });

  it("staff assign an owner from staff only, resolve once, and the complainant is told; other branches do not see it", async () => {
    const dealer = await ctxOf(db, "dealer@demo.cn");
    const c = await fileComplaint(dealer, { ...base, _key: newKey(), severity: "normal" });
    const desk = await ctxOf(db, "service@demo.cn");
    const dealerUser = await userIdOf(db, "dealer@demo.cn");
    expect((await expectUnchanged(db, () => fieldErrorsOf(assignComplaint(desk, { _key: newKey(), complaintId: c.id, ownerId: dealerUser })))).ownerId).toEqual(["complaints.errors.ownerNotStaff"]);
    await assignComplaint(desk, { _key: newKey(), complaintId: c.id, ownerId: await userIdOf(db, "service@demo.cn") });
    const list = await listComplaints(desk, complaintListQuery.parse({}));
    expect(list.rows.find((r) => r.id === c.id)).toMatchObject({ status: "in_progress" });
    await expect(getComplaint(await ctxOf(db, "sales.sh@demo.cn"), c.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await resolveComplaint(desk, { _key: newKey(), complaintId: c.id, resolution: "已补发新显示器" })).toMatchObject({ status: "resolved", inSla: true });
    expect((await expectUnchanged(db, () => fieldErrorsOf(resolveComplaint(desk, { _key: newKey(), complaintId: c.id, resolution: "再次" })))).form).toEqual(["complaints.errors.resolved"]);
    const [told] = await db.execute<{ n: number }>(sql`select count(*)::int as n from notifications where user_id = ${dealerUser}::uuid and kind = 'complaint.resolved' and entity_id = ${c.id}`);
    expect(told!.n).toBe(1);
    expect((await getComplaint(dealer, c.id)).complaint).toMatchObject({ status: "resolved", resolution: "已补发新显示器" });
    const dl1 = await orgByCode(db, "DL-0001");
    const [audit] = await db.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where entity = 'complaint' and entity_id = ${c.id}`);
    expect(audit!.n).toBe(3);
    expect(dl1.id).toBeTruthy();
  });
});
