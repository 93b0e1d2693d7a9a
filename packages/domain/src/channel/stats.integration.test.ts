import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { ALL_DIVISIONS, invoiceLines, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { createCreditNote } from "../billing/credit-notes";
import { shanghaiToday } from "../shared/dates";
import { allocateCredit, recordPayment } from "../billing/payments";
import type { Ctx } from "../shared/context";
import { createTestInvoice } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { rebuildPartnerMonthStats } from "./rebuild-stats";
import { addInvoiceStats } from "./stats";

let db: Database;
let finance: Ctx;
const today = shanghaiToday();
const range = { from: "2025-01-01", to: "2027-12-31" };

type Row = { organization_id: string; month: string; division_id: string; purchases: string; returns: string; payments: string; due: string; on_time: string };

/** Every non-empty stats row, as text, in a stable order. */
async function snapshot() {
  return db.execute<Row>(sql`
    select organization_id, month::text, division_id, purchases_fen::text as purchases, returns_fen::text as returns,
           payments_fen::text as payments, due_fen::text as due, paid_on_time_fen::text as on_time
    from partner_month_stats
    where purchases_fen <> 0 or returns_fen <> 0 or payments_fen <> 0 or due_fen <> 0 or paid_on_time_fen <> 0
    order by 1, 2, 3`);
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  finance = await ctxOf(db, "finance@demo.cn");
  await rebuildPartnerMonthStats(db, range);
});

describe("partner_month_stats", () => {
  it("kept by invoices, payments, returns and credit allocations equals the set-based rebuild", async () => {
    const dealer = await orgByCode(db, "DL-0001");
    // A real shipment's invoice (issued today, due after the dealer's terms) through the billing path.
    const shipped = await createShippedOrder(db, { lines: [{ sku: "STATS-A", quantity: 2, unitPriceFen: 50_000n }] });
    // An older invoice, already past due: written directly, stats from the same per-event statement.
    const old = await db.transaction(async (tx) => {
      const inv = await createTestInvoice(tx, { organizationId: dealer.id, productId: shipped.productIds[0]!, totalFen: 300_000n, issuedOn: "2026-08-10", dueOn: "2026-09-09" });
      await addInvoiceStats(tx, inv.id);
      return inv;
    });
    // Partial payment, late (received after the due date).
    await recordPayment(finance, { _key: newKey(), organizationId: dealer.id, receivedOn: "2026-10-01", method: "bank_transfer", amount: "1000.00", allocations: [{ invoiceId: old.id, amount: "1000.00" }] });
    // A return on the old invoice: its credit settles the rest (late as well) and leaves ¥500 of credit.
    const [oldLine] = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, old.id));
    await db.transaction((tx) => createCreditNote(tx, finance.actor, { originalInvoiceId: old.id, lines: [{ orderLineId: null, productId: oldLine!.productId, quantity: 1, unitPriceFen: 250_000n }], issuedOn: "2026-10-05" }));
    // On time: today's payment on the shipment's invoice, then the credit note's rest applied to it.
    await recordPayment(finance, { _key: newKey(), organizationId: dealer.id, receivedOn: today, method: "bank_transfer", amount: "400.00", allocations: [{ invoiceId: shipped.invoiceId, amount: "400.00" }] });
    await allocateCredit(finance, { _key: newKey(), organizationId: dealer.id, allocations: [{ invoiceId: shipped.invoiceId, amount: "500.00" }] });

    const incremental = await snapshot();
    const mine = incremental.filter((r) => r.organization_id === dealer.id);
    const allRow = (month: string) => mine.find((r) => r.month === month && r.division_id === ALL_DIVISIONS);
    expect(allRow("2026-09-01")).toMatchObject({ due: "300000", on_time: "0" });
    expect(allRow("2026-10-01")).toMatchObject({ payments: "100000" });
    expect(mine.filter((r) => r.month === "2026-10-01" && r.division_id !== ALL_DIVISIONS).map((r) => r.returns)).toEqual(["250000"]);
    expect(mine.filter((r) => r.month === "2026-08-01" && r.division_id !== ALL_DIVISIONS).map((r) => r.purchases)).toEqual(["300000"]);
    expect(allRow("2026-08-01")).toMatchObject({ purchases: "300000", due: "0" });
    expect(allRow("2026-10-01")).toMatchObject({ returns: "250000" });
    // today's payment and the credit applied today count as on time in the month the shipment's invoice falls due
    const dueMonth = await db.execute<{ m: string }>(sql`select date_trunc('month', due_on)::date::text as m from invoices where id = ${shipped.invoiceId}`);
    expect(BigInt(allRow(dueMonth[0]!.m)!.on_time)).toBeGreaterThanOrEqual(90_000n);

    await rebuildPartnerMonthStats(db, range);
    expect(await snapshot()).toEqual(incremental);
  });
});
