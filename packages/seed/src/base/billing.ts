import { sql } from "drizzle-orm";
import type { DatabaseOrTransaction } from "@cs/db/client";
import { documentSequences } from "@cs/db/schema/audit";
import { invoiceLines, invoices, paymentAllocations, payments } from "@cs/db/schema/billing";
import { redLetterRequests } from "@cs/db/schema/red-letter";
import type { organizations } from "@cs/db/schema/organizations";
import type { products } from "@cs/db/schema/products";
import { createRandom, deriveSeed, DEMO_SEED, seedUuid } from "./random";
import { insertChunked, pad } from "./util";

type Org = typeof organizations.$inferInsert;
type Product = typeof products.$inferInsert;

/** Partners whose users sign in to the demo keep an empty ledger, so walkthroughs and tests start clean. */
const CLEAN_PARTNERS = new Set(["DL-0001", "DL-0002", "AG-001", "MD-001"]);
const PARTNERS = 12;
const DAY = 86_400_000;

const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
const shanghaiToday = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());

/** 13% VAT inside a gross amount, half-up (the billing area's splitVat, which db cannot import). */
const taxOf = (gross: bigint) => (2n * gross * 1300n + 11_300n) / 22_600n;

/**
 * Receivables for a dozen dealers and agents so the finance pages have something to age: invoices
 * issued over the last five months (opening balances from before online ordering, so no order or
 * shipment), and payments that settle some fully, some partly, some not at all. Numbers continue
 * the gap-free INV-/PAY- sequences, which are set to the last number used.
 */
export function buildBillingData(source: { organizations: readonly Org[]; products: readonly Product[] }, today = shanghaiToday()) {
  const rand = createRandom(deriveSeed(DEMO_SEED, "billing"));
  const firstOf = (kind: Org["kind"]) =>
    source.organizations
      .filter((o) => o.kind === kind && !CLEAN_PARTNERS.has(o.code))
      .sort((a, b) => (a.code < b.code ? -1 : 1))
      .slice(0, PARTNERS / 2);
  const partners = [...firstOf("agent"), ...firstOf("dealer")];
  const sellable = source.products.filter((p) => p.listPriceFen > 0n).slice(0, 40);
  type Draft = { org: Org; issuedOn: string; product: Product; quantity: number };
  const drafts: Draft[] = [];
  for (const org of partners)
    for (let i = rand.int(2, 4); i > 0; i--) drafts.push({ org, issuedOn: addDays(today, -rand.int(5, 150)), product: rand.pick(sellable), quantity: rand.int(1, 5) });
  drafts.sort((a, b) => (a.issuedOn < b.issuedOn ? -1 : a.issuedOn > b.issuedOn ? 1 : 0));

  const seq = new Map<string, number>();
  const next = (prefix: string, date: string) => {
    const key = `${prefix}|${date.slice(0, 4)}`;
    const n = (seq.get(key) ?? 0) + 1;
    seq.set(key, n);
    return `${prefix}-${date.slice(0, 4)}-${pad(n, 6)}`;
  };

  const invoiceRows: (typeof invoices.$inferInsert)[] = [];
  const lineRows: (typeof invoiceLines.$inferInsert)[] = [];
  const paymentRows: (typeof payments.$inferInsert)[] = [];
  const allocationRows: (typeof paymentAllocations.$inferInsert)[] = [];
  const paymentsByDate: { receivedOn: string; build: () => void }[] = [];
  drafts.forEach((d, i) => {
    const id = seedUuid(`seed-invoice:${i}`);
    const gross = d.product.listPriceFen! * BigInt(d.quantity);
    const tax = taxOf(gross);
    const dueOn = addDays(d.issuedOn, d.org.paymentTermsDays ?? 30);
    // settled: fully (40%), partly (30%) or not at all (30%), by a payment some days after issue
    const roll = rand.next();
    const paid = roll < 0.4 ? gross : roll < 0.7 ? (gross * BigInt(rand.int(20, 80))) / 100n : 0n;
    const receivedOn = addDays(d.issuedOn, rand.int(10, 60));
    const settled = paid > 0n && receivedOn <= today ? paid : 0n;
    invoiceRows.push({ id, kind: "invoice", number: "", organizationId: d.org.id!, ownerBranchId: d.org.ownerBranchId ?? null, issuedOn: d.issuedOn, dueOn, netFen: gross - tax, taxFen: tax, totalFen: gross, settledFen: settled });
    lineRows.push({ invoiceId: id, productId: d.product.id!, quantity: d.quantity, unitPriceFen: d.product.listPriceFen!, grossFen: gross, netFen: gross - tax, taxFen: tax });
    if (settled > 0n)
      paymentsByDate.push({
        receivedOn,
        build: () => {
          const paymentId = seedUuid(`seed-payment:${i}`);
          paymentRows.push({ id: paymentId, number: next("PAY", receivedOn), organizationId: d.org.id!, ownerBranchId: d.org.ownerBranchId ?? null, receivedOn, method: rand.chance(0.8) ? "bank_transfer" : "acceptance_bill", reference: `回单 ${rand.digits(8)}`, amountFen: settled, unallocatedFen: 0n });
          allocationRows.push({ invoiceId: id, paymentId, amountFen: settled });
        },
      });
  });
  // numbers follow issue (and receipt) dates, as they would have been taken
  for (const row of invoiceRows) row.number = next("INV", row.issuedOn);
  paymentsByDate.sort((a, b) => (a.receivedOn < b.receivedOn ? -1 : a.receivedOn > b.receivedOn ? 1 : 0)).forEach((p) => p.build());
  const sequences = [...seq.entries()].map(([key, lastValue]) => {
    const [prefix, year] = key.split("|");
    return { prefix: prefix!, year: Number(year), lastValue };
  });
  return { invoices: invoiceRows, invoiceLines: lineRows, payments: paymentRows, allocations: allocationRows, sequences };
}

export async function seedBilling(db: DatabaseOrTransaction, source: { organizations: readonly Org[]; products: readonly Product[] }) {
  const data = buildBillingData(source);
  await insertChunked(db, invoices, data.invoices);
  await insertChunked(db, invoiceLines, data.invoiceLines);
  await insertChunked(db, payments, data.payments);
  await insertChunked(db, paymentAllocations, data.allocations);
  for (const s of data.sequences)
    await db
      .insert(documentSequences)
      .values(s)
      .onConflictDoUpdate({ target: [documentSequences.prefix, documentSequences.year], set: { lastValue: sql`greatest(${documentSequences.lastValue}, ${s.lastValue})` } });
  await seedRedLetter(db, data);
}

/**
 * One red-letter request (docs/decisions/034) waiting for its buyer, so finance's list and the
 * authorization matrix have a row: price protection on one unit of the first open invoice.
 */
async function seedRedLetter(db: DatabaseOrTransaction, data: ReturnType<typeof buildBillingData>) {
  const invoice = data.invoices.find((i) => i.settledFen === 0n);
  const line = data.invoiceLines.find((l) => l.invoiceId === invoice?.id);
  if (!invoice || !line) return;
  const year = Number(invoice.issuedOn.slice(0, 4));
  const tax = taxOf(line.unitPriceFen);
  await db.insert(redLetterRequests).values({
    id: seedUuid("seed-red-letter:1"),
    number: `HZ-${year}-${pad(1, 6)}`,
    organizationId: invoice.organizationId,
    ownerBranchId: invoice.ownerBranchId ?? null,
    originalInvoiceId: invoice.id!,
    source: "price_protection",
    lines: [{ orderLineId: null, productId: line.productId, quantity: 1, unitPriceFen: String(line.unitPriceFen), costFen: null }],
    netFen: line.unitPriceFen - tax,
    taxFen: tax,
    totalFen: line.unitPriceFen,
    createdAt: new Date(`${invoice.issuedOn}T10:00:00+08:00`),
  });
  await db
    .insert(documentSequences)
    .values({ prefix: "HZ", year, lastValue: 1 })
    .onConflictDoUpdate({ target: [documentSequences.prefix, documentSequences.year], set: { lastValue: sql`greatest(${documentSequences.lastValue}, 1)` } });
}
