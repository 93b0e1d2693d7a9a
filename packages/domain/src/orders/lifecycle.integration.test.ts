import { and, eq, sql } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { auditLog, orderLines, orders, organizations, stockDocumentLines, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { ConflictError, NotFoundError, ValidationError } from "../shared/errors";
import { ctxOf, newKey, seedDemoData } from "@cs/testing/demo";
import { expectLedgerConsistent, levelOf } from "@cs/testing/inventory";
import { readyBuyer, receive, stockedProducts } from "@cs/testing/ordering";
import { allocateBackorders } from "./allocate-backorders";
import { approveOrder } from "./approve-order";
import { cancelOrder } from "./cancel-order";
import { confirmOrder } from "./confirm-order";
import { getDeskOrder } from "./desk-order";
import { editOrder } from "./edit-order";
import { getOrder } from "./get-order";
import { createReceipt, postReceipt } from "../inventory/documents/receipts";
import { listOrders, listOrdersQuery } from "./list-orders";
import { rejectOrder } from "./reject-order";
import { submitOrder } from "./submit-order";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let buyer: Ctx;
let desk: Ctx;
let manager: Ctx;
let setup: Awaited<ReturnType<typeof readyBuyer>>;
let products: string[];

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  setup = await readyBuyer(db, "DL-0001");
  await readyBuyer(db, "DL-0002");
  [buyer, desk, manager] = await Promise.all([ctxOf(db, "buyer@demo.cn"), ctxOf(db, "orderdesk@demo.cn"), ctxOf(db, "manager@demo.cn")]);
  products = await stockedProducts(db, "LIFE", 3, setup.warehouses[0]!, 5000);
});

afterEach(async () => {
  await expectLedgerConsistent(db);
  await readyBuyer(db, "DL-0001");
});

const refused = async (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e);

/** An order of DL-0001; `limitFen` 0 sends it to approval for credit. */
async function place(lines: { productId: string; quantity: number }[], terms: { creditLimitFen?: bigint; creditHold?: boolean } = {}) {
  await readyBuyer(db, "DL-0001", terms);
  const result = await submitOrder(buyer, { _key: newKey(), shipToAddressId: setup.addressId, lines });
  await readyBuyer(db, "DL-0001");
  return result.orders[0]!;
}

async function orderRow(id: string) {
  const [row] = await db.select().from(orders).where(eq(orders.id, id));
  return row!;
}

describe("approveOrder / rejectOrder", () => {
  it("confirms an over-credit order on approval and reserves its stock; twice is a conflict", async () => {
    const placed = await place([{ productId: products[0]!, quantity: 2 }], { creditLimitFen: 0n });
    expect(placed.status).toBe("pending_approval");
    const result = await approveOrder(desk, { orderId: placed.id, comment: "老客户，同意" });
    expect(result.status).toBe("confirmed");
    const [line] = await db.select().from(orderLines).where(eq(orderLines.orderId, placed.id));
    expect(line!.quantityReserved).toBe(2);
    const error = await refused(approveOrder(manager, { orderId: placed.id }));
    expect(error).toBeInstanceOf(ConflictError);
    expect((error as ConflictError).code).toBe("orders.errors.alreadyDecided");
    const detail = await getOrder(buyer, placed.id);
    expect(detail.events.map((e) => [e.action, e.actorName])).toEqual([
      ["submitted", "冯雪"],
      ["pending_approval", "冯雪"],
      ["approved", "刘洋"],
    ]);
    expect(detail.events[2]!.comment).toBe("老客户，同意");
  });

  it("keeps an approved order submitted while the buyer is on credit hold, and confirms it once the hold lifts", async () => {
    const placed = await place([{ productId: products[0]!, quantity: 1 }], { creditLimitFen: 0n });
    await db.update(organizations).set({ creditHold: true }).where(eq(organizations.id, setup.org.id));
    expect((await approveOrder(desk, { orderId: placed.id })).status).toBe("submitted");
    expect(await refused(confirmOrder(desk, { orderId: placed.id }))).toMatchObject({ code: "orders.errors.creditHold" });
    await db.update(organizations).set({ creditHold: false }).where(eq(organizations.id, setup.org.id));
    expect((await confirmOrder(desk, { orderId: placed.id })).status).toBe("confirmed");
    expect(await refused(confirmOrder(desk, { orderId: placed.id }))).toMatchObject({ code: "orders.errors.notConfirmable" });
  });

  it("refuses an approver beyond their amount, and lets a higher one approve", async () => {
    // order_desk may approve up to ¥50,000.
    const placed = await place([{ productId: products[1]!, quantity: 600 }], { creditLimitFen: 0n });
    expect((await orderRow(placed.id)).totalFen > 5_000_000n).toBe(true);
    // The desk page offers no approve button it would refuse, and says why; rejecting stays possible.
    expect(await getDeskOrder(desk, placed.id)).toMatchObject({ may: { approve: false, reject: true }, decisionBlocked: "beyondApprovalLimit" });
    expect(await getDeskOrder(manager, placed.id)).toMatchObject({ may: { approve: true, reject: true }, decisionBlocked: null });
    const error = await refused(approveOrder(desk, { orderId: placed.id }));
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual({ form: ["orders.errors.beyondApprovalLimit"] });
    expect((await orderRow(placed.id)).status).toBe("pending_approval");
    expect((await approveOrder(manager, { orderId: placed.id })).status).toBe("confirmed");
  });

  it("refuses approving one's own order or one's own edit", async () => {
    const placed = await place([{ productId: products[0]!, quantity: 1 }], { creditLimitFen: 0n });
    await db.update(orders).set({ placedBy: manager.actor.userId }).where(eq(orders.id, placed.id));
    expect((await refused(approveOrder(manager, { orderId: placed.id })) as ValidationError).fieldErrors).toEqual({ form: ["orders.errors.ownOrder"] });
    await db.update(orders).set({ placedBy: buyer.actor.userId }).where(eq(orders.id, placed.id));
    await readyBuyer(db, "DL-0001", { creditLimitFen: 0n });
    const { version } = await orderRow(placed.id);
    await editOrder(desk, { orderId: placed.id, version, lines: [{ productId: products[0]!, quantity: 2 }] });
    expect(await getDeskOrder(desk, placed.id)).toMatchObject({ may: { approve: false, reject: false }, decisionBlocked: "ownOrder" });
    expect((await refused(approveOrder(desk, { orderId: placed.id })) as ValidationError).fieldErrors).toEqual({ form: ["orders.errors.ownOrder"] });
    expect((await approveOrder(manager, { orderId: placed.id })).status).toBe("confirmed");
  });

  it("refuses partners and staff without order:approve", async () => {
    const placed = await place([{ productId: products[0]!, quantity: 1 }], { creditLimitFen: 0n });
    await expectUnchanged(db, () => expect(approveOrder(buyer, { orderId: placed.id })).rejects.toThrow(/order:approve/));
    await expectUnchanged(db, async () => expect(approveOrder(await ctxOf(db, "warehouse@demo.cn"), { orderId: placed.id })).rejects.toThrow(/order:approve/));
  });

  it("rejects only with a comment, closes the order, and refuses a second decision", async () => {
    const placed = await place([{ productId: products[0]!, quantity: 1 }], { creditLimitFen: 0n });
    expect((await refused(rejectOrder(desk, { orderId: placed.id, comment: "  " })) as ValidationError).fieldErrors).toEqual({ comment: ["orders.errors.commentRequired"] });
    await rejectOrder(desk, { orderId: placed.id, comment: "超出信用额度" });
    const row = await orderRow(placed.id);
    expect(row.status).toBe("rejected");
    expect(row.closedAt).not.toBeNull();
    expect(await refused(rejectOrder(desk, { orderId: placed.id, comment: "again" }))).toBeInstanceOf(ConflictError);
    expect(await refused(approveOrder(desk, { orderId: placed.id }))).toBeInstanceOf(ConflictError);
  });
});

describe("tenant isolation", () => {
  it("answers not found to another dealer for every read and write", async () => {
    const placed = await place([{ productId: products[0]!, quantity: 1 }]);
    const other = await ctxOf(db, "dealer2@demo.cn");
    await expectUnchanged(db, () => expect(getOrder(other, placed.id)).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(cancelOrder(other, { orderId: placed.id })).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, () => expect(getOrder(other, "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError));
    const page = await listOrders(other, listOrdersQuery.parse({ size: "100" }));
    expect(page.rows.map((r) => r.id)).not.toContain(placed.id);
    const mine = await listOrders(buyer, listOrdersQuery.parse({ q: placed.number }));
    expect(mine.rows.map((r) => r.id)).toEqual([placed.id]);
  });

  it("lists by status and PO number, newest first", async () => {
    const a = await submitOrder(buyer, { _key: newKey(), shipToAddressId: setup.addressId, poNumber: "PO-LIST-A", lines: [{ productId: products[2]!, quantity: 1 }] });
    const b = await submitOrder(buyer, { _key: newKey(), shipToAddressId: setup.addressId, poNumber: "PO-LIST-B", lines: [{ productId: products[2]!, quantity: 1 }] });
    const page = await listOrders(buyer, listOrdersQuery.parse({ q: "po-list", status: "confirmed" }));
    expect(page.rows.map((r) => r.id)).toEqual([b.orders[0]!.id, a.orders[0]!.id]);
    expect(page.total).toBe(2);
    expect((await listOrders(buyer, listOrdersQuery.parse({ q: "po-list", status: "cancelled" }))).total).toBe(0);
  });
});

describe("cancelOrder", () => {
  it("lets the buyer cancel before confirmation but not after", async () => {
    const pending = await place([{ productId: products[0]!, quantity: 1 }], { creditLimitFen: 0n });
    expect((await cancelOrder(buyer, { orderId: pending.id })).status).toBe("cancelled");
    expect((await cancelOrder(buyer, { orderId: pending.id })).status).toBe("cancelled");
    const confirmed = await place([{ productId: products[0]!, quantity: 1 }]);
    expect(await refused(cancelOrder(buyer, { orderId: confirmed.id }))).toMatchObject({ code: "orders.errors.notCancellable" });
  });

  it("lets the desk cancel a confirmed order and gives its reservation back", async () => {
    const before = await levelOf(db, setup.warehouses[0]!, products[1]!);
    const confirmed = await place([{ productId: products[1]!, quantity: 7 }]);
    expect((await levelOf(db, setup.warehouses[0]!, products[1]!)).reserved).toBe(before.reserved + 7);
    const result = await cancelOrder(desk, { orderId: confirmed.id, comment: "客户来电取消" });
    expect(result).toEqual({ status: "cancelled", released: 7 });
    expect((await levelOf(db, setup.warehouses[0]!, products[1]!)).reserved).toBe(before.reserved);
    const [line] = await db.select().from(orderLines).where(eq(orderLines.orderId, confirmed.id));
    expect(line).toMatchObject({ quantityReserved: 0, quantityCancelled: 7 });
  });

  it("refuses once anything has shipped", async () => {
    const confirmed = await place([{ productId: products[1]!, quantity: 2 }]);
    await db.update(orderLines).set({ quantityShipped: 1, quantityReserved: 1 }).where(eq(orderLines.orderId, confirmed.id));
    expect(await refused(cancelOrder(desk, { orderId: confirmed.id }))).toMatchObject({ code: "orders.errors.notCancellable" });
    await db.update(orderLines).set({ quantityShipped: 0, quantityReserved: 2 }).where(eq(orderLines.orderId, confirmed.id));
    await cancelOrder(desk, { orderId: confirmed.id });
  });
});

describe("editOrder", () => {
  it("re-prices, sends a discount beyond the editor's limit to approval, and audits before and after", async () => {
    const placed = await place([{ productId: products[0]!, quantity: 1 }], { creditHold: true });
    const row = await orderRow(placed.id);
    expect(row.status).toBe("submitted");
    await db.update(organizations).set({ creditHold: true }).where(eq(organizations.id, setup.org.id));
    const result = await editOrder(desk, {
      orderId: placed.id,
      version: row.version,
      lines: [
        { productId: products[0]!, quantity: 3, discountBp: 800 },
        { productId: products[2]!, quantity: 1 },
      ],
      comment: "客户改量",
    });
    expect(result.status).toBe("pending_approval");
    const after = await orderRow(placed.id);
    expect(after.approvalReasons).toEqual(["discount", "credit_hold"]);
    const lines = await db.select().from(orderLines).where(eq(orderLines.orderId, placed.id)).orderBy(orderLines.lineNo);
    expect(lines.map((l) => [l.productId, l.quantity, l.discountBp])).toEqual([
      [products[0], 3, 800],
      [products[2], 1, 0],
    ]);
    expect(lines[0]!.unitPriceFen).toBe((lines[0]!.listPriceFen * 9200n * 2n + 10_000n) / 20_000n);
    expect(after.totalFen).toBe(lines.reduce((s, l) => s + l.lineTotalFen, 0n));
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.entityId, placed.id), eq(auditLog.action, "order.edit")));
    expect((audit!.before as { lines: unknown[] }).lines).toHaveLength(1);
    expect((audit!.after as { lines: unknown[] }).lines).toHaveLength(2);
    expect(await refused(editOrder(desk, { orderId: placed.id, version: row.version, lines: [{ productId: products[0]!, quantity: 1 }] }))).toMatchObject({
      code: "errors.staleEdit",
    });
  });

  it("confirms an edited order when no reason for approval is left", async () => {
    const placed = await place([{ productId: products[0]!, quantity: 1 }], { creditLimitFen: 0n });
    const row = await orderRow(placed.id);
    const result = await editOrder(desk, { orderId: placed.id, version: row.version, lines: [{ productId: products[0]!, quantity: 2, discountBp: 300 }] });
    expect(result.status).toBe("confirmed");
    const [line] = await db.select().from(orderLines).where(eq(orderLines.orderId, placed.id));
    expect(line).toMatchObject({ quantity: 2, quantityReserved: 2, discountBp: 300 });
    expect(await refused(editOrder(desk, { orderId: placed.id, version: result.version, lines: [{ productId: products[0]!, quantity: 1 }] }))).toMatchObject({
      code: "orders.errors.notEditable",
    });
  });

  it("refuses partners", async () => {
    const placed = await place([{ productId: products[0]!, quantity: 1 }], { creditLimitFen: 0n });
    await expectUnchanged(db, () => expect(editOrder(buyer, { orderId: placed.id, version: 1, lines: [{ productId: products[0]!, quantity: 1 }] })).rejects.toThrow(/order:manage/));
  });
});

describe("allocateBackorders", () => {
  it("gives arriving stock to backorders first come, first served", async () => {
    const [scarce] = await stockedProducts(db, "SCARCE", 1, setup.warehouses[0]!, 0);
    const first = await place([{ productId: scarce!, quantity: 3 }]);
    const second = await place([{ productId: scarce!, quantity: 3 }]);
    await receive(db, scarce!, setup.warehouses[0]!, 4);
    const result = await allocateBackorders(desk, { productIds: [scarce!] });
    expect(result).toMatchObject({ orders: 2, units: 4 });
    const line = async (orderId: string) => (await db.select().from(orderLines).where(eq(orderLines.orderId, orderId)))[0]!;
    expect(await line(first.id)).toMatchObject({ quantityReserved: 3, quantityBackordered: 0 });
    expect(await line(second.id)).toMatchObject({ quantityReserved: 1, quantityBackordered: 2 });
    expect((await allocateBackorders(desk, { productIds: [scarce!] })).units).toBe(0);
    const events = await db.execute<{ n: number }>(sql`select count(*)::int as n from order_events where order_id = ${second.id} and action = 'allocated'`);
    expect(Number(events[0]!.n)).toBe(1);
  });

  it("allocates as stock arrives: posting a receipt reserves it for the oldest backorder in the same transaction", async () => {
    const [scarce] = await stockedProducts(db, "ARRIVE", 1, setup.warehouses[0]!, 0);
    const waiting = await place([{ productId: scarce!, quantity: 2 }]);
    const warehouse = await ctxOf(db, "warehouse@demo.cn");
    const [product] = await db.execute<{ sku: string }>(sql`select sku from products where id = ${scarce!}`);
    const { id } = await createReceipt(warehouse, { _key: newKey(), toLocationId: setup.warehouses[0]!, lines: [{ sku: product!.sku, quantity: "5" }] });
    const [line] = await db.select({ id: stockDocumentLines.id }).from(stockDocumentLines).where(eq(stockDocumentLines.documentId, id));
    await postReceipt(warehouse, id, { _key: newKey(), lines: [{ lineId: line!.id, quantity: "5" }] });
    const [ordered] = await db.select().from(orderLines).where(eq(orderLines.orderId, waiting.id));
    expect(ordered).toMatchObject({ quantityReserved: 2, quantityBackordered: 0 });
    expect(await levelOf(db, setup.warehouses[0]!, scarce!)).toEqual({ onHand: 5, reserved: 2 });
    const events = await db.execute<{ actor: string }>(sql`select actor_id as actor from order_events where order_id = ${waiting.id} and action = 'allocated'`);
    expect(events.map((e) => e.actor)).toEqual([warehouse.actor.userId]);
  });
});
