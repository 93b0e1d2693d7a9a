import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { expectDomainError } from "@cs/testing/billing";
import { createConfirmedOrder, createProduct, stockUp } from "@cs/testing/orders";
import { locationIdOf } from "@cs/testing/inventory";
import type { Ctx } from "../shared/context";
import { getInvoice, invoiceListQuery, listInvoices, listPayments, myAccount, paymentForm, paymentListQuery } from "./finance-queries";
import { shanghaiToday } from "../shared/dates";
import { recordPayment } from "./payments";
import { shipOrder } from "./ship";
import { getShipment, listOrdersToShip, listShipments, shipmentForm, shipmentListQuery, toShipQuery } from "./shipping-queries";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let warehouse: Ctx;
let finance: Ctx;
let dealer: Ctx;
let other: Ctx;
let orderId: string;
let shipmentId: string;
let invoiceId: string;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  warehouse = await ctxOf(db, "warehouse@demo.cn");
  finance = await ctxOf(db, "finance@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
  other = await ctxOf(db, "dealer2@demo.cn");
  const productId = await createProduct(db, "Q-P", 11_300n);
  await stockUp(db, productId, "WH-BJ", 10);
  const { order } = await createConfirmedOrder(db, { organizationId: (await orgByCode(db, "DL-0001")).id, lines: [{ productId, quantity: 4, unitPriceFen: 11_300n }] });
  orderId = order.id;
  const lines = await shipmentForm(warehouse, orderId);
  const shipped = await shipOrder(warehouse, {
    orderId,
    fromLocationId: await locationIdOf(db, "WH-BJ"),
    carrier: "EMS",
    trackingNumber: "EMS-Q-1",
    lines: [{ orderLineId: lines.lines[0]!.id, quantity: 1 }],
    _key: newKey(),
  });
  shipmentId = shipped.shipmentId;
  invoiceId = shipped.invoiceId;
  await recordPayment(finance, { organizationId: order.organizationId, receivedOn: shanghaiToday(), method: "bank_transfer", amount: "50", allocations: [{ invoiceId, amount: "50" }], _key: newKey() });
});

describe("shipping queries", () => {
  it("lists the order to ship while units stay reserved, and offers its location with the reserved units", async () => {
    const page = await listOrdersToShip(warehouse, toShipQuery.parse({}));
    expect(page.rows.find((r) => r.id === orderId)).toMatchObject({ status: "partially_shipped", reserved: 3 });
    const form = await shipmentForm(warehouse, orderId);
    expect(form.locations.map((l) => l.code)).toEqual(["WH-BJ"]);
    expect(Object.values(form.reservedAt[form.locations[0]!.id]!)).toEqual([3]);
    await expectUnchanged(db, () => expectDomainError(listOrdersToShip(finance, toShipQuery.parse({})), { code: "errors.forbidden" }));
  });

  it("shows a shipment to its buyer and staff in scope, and to nobody else", async () => {
    expect((await getShipment(dealer, shipmentId)).invoiceId).toBe(invoiceId);
    expect((await getShipment(warehouse, shipmentId)).canDeliver).toBe(true);
    await expectUnchanged(db, () => expectDomainError(getShipment(other, shipmentId), { code: "errors.notFound" }));
    expect((await listShipments(dealer, shipmentListQuery.parse({}))).rows.map((r) => r.id)).toContain(shipmentId);
    expect((await listShipments(other, shipmentListQuery.parse({}))).rows.map((r) => r.id)).not.toContain(shipmentId);
  });
});

describe("finance queries", () => {
  it("filters invoices by state and keeps partners to their own", async () => {
    const open = await listInvoices(finance, invoiceListQuery.parse({ state: "open", q: "DL-0001" }));
    expect(open.rows.find((r) => r.id === invoiceId)).toMatchObject({ totalFen: 11_300n, settledFen: 5_000n });
    const overdue = await listInvoices(finance, invoiceListQuery.parse({ state: "overdue" }));
    expect(overdue.rows.map((r) => r.id)).not.toContain(invoiceId);
    expect((await listInvoices(dealer, invoiceListQuery.parse({}))).rows.map((r) => r.id)).toContain(invoiceId);
    expect((await listInvoices(other, invoiceListQuery.parse({}))).rows.map((r) => r.id)).not.toContain(invoiceId);
    await expectUnchanged(db, () => expectDomainError(getInvoice(other, invoiceId), { code: "errors.notFound" }));
    const buyer = await ctxOf(db, "buyer@demo.cn");
    await expectUnchanged(db, () => expectDomainError(listInvoices(buyer, invoiceListQuery.parse({})), { code: "errors.forbidden" }));
  });

  it("shows the invoice's VAT lines and the payment that settled part of it", async () => {
    const inv = await getInvoice(dealer, invoiceId);
    expect(inv.lines.map((l) => [l.grossFen, l.netFen, l.taxFen])).toEqual([[11_300n, 10_000n, 1_300n]]);
    expect(inv.settlements.map((s) => [s.kind, s.amountFen])).toEqual([["payment", 5_000n]]);
    const payments = await listPayments(dealer, paymentListQuery.parse({}));
    expect(payments.rows[0]!.allocatedTo).toBe(inv.invoice.number);
  });

  it("lists a payment to its partner and staff in scope, and to no other partner, however asked", async () => {
    // the other partner has a payment of its own, so "sees only its own" cannot pass on an empty page
    const dl2 = other.actor.organizationId!;
    const theirPayment = await recordPayment(finance, { organizationId: dl2, receivedOn: shanghaiToday(), method: "cash", amount: "7", keepRemainderAsCredit: true, allocations: [], _key: newKey() });
    const mine = await listPayments(dealer, paymentListQuery.parse({}));
    expect(mine.rows.map((r) => [r.partnerCode, r.amountFen])).toEqual([["DL-0001", 5_000n]]);
    const paid = mine.rows[0]!;
    expect((await listPayments(finance, paymentListQuery.parse({ q: paid.number }))).rows.map((r) => r.id)).toEqual([paid.id]);
    for (const query of [{}, { q: paid.number }, { partner: inv0() }]) {
      const theirs = await expectUnchanged(db, () => listPayments(other, paymentListQuery.parse(query)));
      expect(theirs.rows.map((r) => r.id)).not.toContain(paid.id);
      expect(theirs.rows.every((r) => r.partnerCode === "DL-0002")).toBe(true);
    }
    expect((await listPayments(other, paymentListQuery.parse({}))).rows.map((r) => r.id)).toEqual([theirPayment.paymentId]);
    expect((await listPayments(other, paymentListQuery.parse({ partner: inv0() }))).total).toBe(0);
  });

  it("gives the payment form the partner's open invoices and the portal its balance", async () => {
    const form = await paymentForm(finance, inv0());
    expect(form.open.map((o) => o.id)).toContain(invoiceId);
    const account = await myAccount(dealer);
    expect(account.position.openReceivablesFen).toBeGreaterThanOrEqual(6_300n);
    await expectUnchanged(db, () => expectDomainError(paymentForm(dealer, inv0()), { code: "errors.forbidden" }));
  });
});

function inv0() {
  return dealer.actor.organizationId!;
}
