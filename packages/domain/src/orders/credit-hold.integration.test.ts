import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  auditLog,
  orderLines,
  orders,
  organizations,
  type Database,
} from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ForbiddenError, NotFoundError, ValidationError } from "../shared/errors";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import {
  getCreditTerms,
  setBackorderPolicy,
  setCreditHold,
} from "./credit-hold";
import { getDeskOrder } from "./desk-order";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let finance: Ctx;
let desk: Ctx;
let dl: { id: string; ownerBranchId: string | null };
let heldId: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  finance = await ctxOf(db, "finance@demo.cn");
  desk = await ctxOf(db, "orderdesk@demo.cn");
  dl = await orgByCode(db, "DL-0002");
  const [p] = await db.execute<{ id: string }>(
    // a product nobody holds: confirmation backorders it, whatever the warehouses have
    sql`select id from products p where not exists (select 1 from stock_levels s where s.product_id = p.id) order by id limit 1`,
  );
  const [o] = await db
    .insert(orders)
    .values({
      number: "SO-HOLD-1",
      organizationId: dl.id,
      ownerBranchId: dl.ownerBranchId,
      status: "submitted",
      approvalReasons: ["credit_hold"],
      shipTo: {},
      totalFen: 100n,
      taxFen: 12n,
    })
    .returning();
  heldId = o!.id;
  await db.insert(orderLines).values({
    orderId: heldId,
    organizationId: dl.id,
    lineNo: 1,
    productId: p!.id,
    quantity: 2,
    listPriceFen: 50n,
    unitPriceFen: 50n,
    priceRule: "list",
    priceReason: {},
    lineTotalFen: 100n,
    taxFen: 12n,
  });
});

describe("getDeskOrder", () => {
  it("offers each role only the actions it may take, with the buyer's credit position", async () => {
    const asDesk = await getDeskOrder(desk, heldId);
    expect(asDesk.may).toEqual({ approve: false, reject: false, edit: true, cancel: true, allocate: false, manageCredit: false, ship: false });
    expect(asDesk.creditTerms).toBeNull();
    expect(asDesk.limits).toEqual({ approvalFen: 5_000_000n, discountBp: 500 });
    expect(typeof asDesk.credit.openOrdersFen).toBe("bigint");
    const asFinance = await getDeskOrder(finance, heldId);
    expect(asFinance.may).toMatchObject({ edit: false, cancel: false, manageCredit: true });
    expect(asFinance.creditTerms).toMatchObject({ id: dl.id, heldOrders: 1 });
    await expectUnchanged(db, async () => expect(getDeskOrder(await ctxOf(db, "dealer@demo.cn"), heldId)).rejects.toBeInstanceOf(NotFoundError));
  });

  it("counts the order once in the credit figures: the others, this one (2 × 50 fen), and what stays available", async () => {
    const { credit } = await getDeskOrder(desk, heldId);
    expect(credit).toMatchObject({ thisOrderFen: 100n, thisOrderCounts: true });
    expect(credit.otherOrdersFen + credit.thisOrderFen).toBe(credit.openOrdersFen);
    expect(credit.availableFen).toBe(credit.limitFen - credit.openReceivablesFen - credit.otherOrdersFen - credit.thisOrderFen);
  });
});

describe("credit hold", () => {
  it("needs a reason to put a partner on hold, and credit:manage", async () => {
    await expectUnchanged(db, () => expect(
      setCreditHold(finance, {
        organizationId: dl.id,
        hold: "on",
        reason: "  ",
      }),
    ).rejects.toMatchObject({
      fieldErrors: { reason: ["desk.errors.holdReasonRequired"] },
    }));
    await expectUnchanged(db, () => expect(
      setCreditHold(desk, { organizationId: dl.id, hold: "on", reason: "90+" }),
    ).rejects.toBeInstanceOf(ForbiddenError));
    expect((await getCreditTerms(finance, dl.id)).creditHold).toBe(false);
  });

  it("puts on hold once (a repeat changes nothing), and lifting confirms the held orders, audited", async () => {
    expect(
      await setCreditHold(finance, {
        organizationId: dl.id,
        hold: "on",
        reason: "逾期 90 天以上",
      }),
    ).toEqual({ creditHold: true, changed: true, confirmed: [] });
    expect(
      await setCreditHold(finance, {
        organizationId: dl.id,
        hold: "on",
        reason: "逾期 90 天以上",
      }),
    ).toMatchObject({ changed: false });
    const terms = await getCreditTerms(finance, dl.id);
    expect(terms).toMatchObject({
      creditHold: true,
      creditHoldReason: "逾期 90 天以上",
      heldOrders: 1,
    });
    expect(typeof terms.position.limitFen).toBe("bigint");

    expect(
      await setCreditHold(finance, {
        organizationId: dl.id,
        hold: "off",
        reason: "已回款",
      }),
    ).toEqual({ creditHold: false, changed: true, confirmed: [heldId] });
    const [order] = await db.select().from(orders).where(eq(orders.id, heldId));
    expect(order).toMatchObject({ status: "confirmed", approvalReasons: [] });
    const [line] = await db
      .select()
      .from(orderLines)
      .where(eq(orderLines.orderId, heldId));
    expect(
      line!.quantityReserved +
        line!.quantityBackordered +
        line!.quantityCancelled,
    ).toBe(2);
    const audits = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.entityId, dl.id));
    expect(audits.map((a) => a.action)).toEqual([
      "credit_hold.on",
      "credit_hold.off",
    ]);
    expect(
      await setCreditHold(finance, { organizationId: dl.id, hold: "off" }),
    ).toMatchObject({ changed: false, confirmed: [] });
  });

  it("sets the backorder policy, refusing an unknown one", async () => {
    expect(
      await setBackorderPolicy(finance, {
        organizationId: dl.id,
        policy: "ship_available",
      }),
    ).toEqual({ policy: "ship_available", changed: true });
    expect(
      await setBackorderPolicy(finance, {
        organizationId: dl.id,
        policy: "ship_available",
      }),
    ).toEqual({ policy: "ship_available", changed: false });
    await expectUnchanged(db, () => expect(
      setBackorderPolicy(finance, { organizationId: dl.id, policy: "never" }),
    ).rejects.toBeInstanceOf(ValidationError));
    const [org] = await db
      .select({ p: organizations.backorderPolicy })
      .from(organizations)
      .where(eq(organizations.id, dl.id));
    expect(org!.p).toBe("ship_available");
  });
});
