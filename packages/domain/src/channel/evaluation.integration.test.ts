import { and, asc, eq, isNotNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { organizations, partnerTargets, products, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { recordPayment } from "../billing/payments";
import { moveOrganization } from "../organizations/move";
import type { Ctx } from "../shared/context";
import { createTestInvoice } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { partnerScorecard, scorecardQuery } from "./evaluation";
import { getPartnerEvaluation } from "./partner-detail";
import { parentAt, subtreePurchases } from "./parent-at";
import { addInvoiceStats } from "./stats";
import { channelTree, channelTreeQuery } from "./tree";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let manager: Ctx;
let finance: Ctx;
let salesSh: Ctx;
let productId: string;
const Q = "2026-04-01";
const parent = alias(organizations, "parent");

async function invoice(organizationId: string, totalFen: bigint, issuedOn: string, dueOn: string) {
  return db.transaction(async (tx) => {
    const inv = await createTestInvoice(tx, { organizationId, productId, totalFen, issuedOn, dueOn });
    await addInvoiceStats(tx, inv.id);
    return inv;
  });
}

/** Beijing dealers of one tier under an agent, in code order. */
async function bjDealers() {
  const bj = await orgByCode(db, "BJ");
  const rows = await db
    .select({ org: organizations })
    .from(organizations)
    .innerJoin(parent, eq(parent.id, organizations.parentId))
    .where(and(eq(organizations.kind, "dealer"), eq(organizations.ownerBranchId, bj.id), eq(parent.kind, "agent"), isNotNull(organizations.tier)))
    .orderBy(asc(organizations.code));
  return rows.map((r) => r.org).filter((d) => d.code !== "DL-0001" && d.code !== "DL-0005");
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [manager, finance, salesSh] = (await Promise.all(["manager@demo.cn", "finance@demo.cn", "sales.sh@demo.cn"].map((l) => ctxOf(db, l)))) as [Ctx, Ctx, Ctx];
  const [p] = await db.select({ id: products.id }).from(products).orderBy(asc(products.sku)).limit(1);
  productId = p!.id;
});

describe("partner scorecard", () => {
  it("gives completion at exactly 80 % and 100 % (and just below), the on-time rate and ranks in tier and branch", async () => {
    const dealers = await bjDealers();
    const tier = dealers[0]!.tier!;
    const [a, b, c] = dealers.filter((d) => d.tier === tier) as [typeof organizations.$inferSelect, typeof organizations.$inferSelect, typeof organizations.$inferSelect];
    expect(c, "three Beijing dealers of one tier").toBeDefined();
    const invA = await invoice(a.id, 80_000n, "2026-04-15", "2026-05-31");
    await invoice(b.id, 100_000n, "2026-05-02", "2026-06-01");
    await invoice(c.id, 79_999n, "2026-06-20", "2026-07-20"); // falls due next quarter: no on-time rate
    await db.insert(partnerTargets).values([a, b, c].map((o) => ({ organizationId: o.id, periodKind: "quarter" as const, periodStart: Q, amountFen: 100_000n })));
    await recordPayment(finance, { _key: newKey(), organizationId: a.id, receivedOn: "2026-05-20", method: "bank_transfer", amount: "400.00", allocations: [{ invoiceId: invA.id, amount: "400.00" }] });

    const page = await partnerScorecard(manager, scorecardQuery.parse({ periodKind: "quarter", periodStart: Q, tier, branchId: a.ownerBranchId!, size: "50", sort: "tierRank" }));
    const row = (id: string) => page.rows.find((r) => r.id === id)!;
    expect(row(a.id)).toMatchObject({ netFen: 80_000n, targetFen: 100_000n, completionBp: 8000, paymentsFen: 40_000n, dueFen: 80_000n, onTimeBp: 5000, tierRank: 2, branchRank: 2 });
    expect(row(b.id)).toMatchObject({ netFen: 100_000n, completionBp: 10000, onTimeBp: 0, tierRank: 1, branchRank: 1 });
    expect(row(c.id)).toMatchObject({ netFen: 79_999n, completionBp: 7999, onTimeBp: null, tierRank: 3, branchRank: 3 });
    expect(page.rows.slice(0, 3).map((r) => r.id)).toEqual([b.id, a.id, c.id]);
    // Partners of the tier that bought nothing in the quarter are not ranked (they tied for 1st before) and sort last.
    const idle = page.rows.filter((r) => r.netFen <= 0n);
    expect(idle.length).toBeGreaterThan(0);
    expect(idle.every((r) => r.tierRank === null && r.branchRank === null)).toBe(true);
    expect(page.rows.slice(-idle.length).every((r) => r.netFen <= 0n)).toBe(true);
    expect(page.rows.every((r) => r.tier === tier && r.branchId === a.ownerBranchId)).toBe(true);

    // One division: the purchases of that division only (payments and on-time have no division).
    const [division] = await db.execute<{ id: string }>(sql`select pl.division_id as id from products p join product_lines pl on pl.id = p.product_line_id where p.id = ${productId}`);
    const other = await db.execute<{ id: string }>(sql`select id from divisions where id <> ${division!.id} limit 1`);
    const inDivision = await partnerScorecard(manager, scorecardQuery.parse({ periodKind: "quarter", periodStart: Q, divisionId: division!.id, q: a.code }));
    expect(inDivision.rows[0]).toMatchObject({ id: a.id, netFen: 80_000n, paymentsFen: 40_000n, targetFen: null });
    const elsewhere = await partnerScorecard(manager, scorecardQuery.parse({ periodKind: "quarter", periodStart: Q, divisionId: other[0]!.id, q: a.code }));
    expect(elsewhere.rows[0]).toMatchObject({ id: a.id, netFen: 0n, paymentsFen: 40_000n });

    // A Shanghai salesperson sees none of Beijing's partners, and not their detail page.
    const sh = await partnerScorecard(salesSh, scorecardQuery.parse({ periodKind: "quarter", periodStart: Q, q: a.code }));
    expect(sh.rows).toHaveLength(0);
    await expectUnchanged(db, () => expect(getPartnerEvaluation(salesSh, a.id)).rejects.toMatchObject({ code: "errors.notFound" }));
    const detail = await getPartnerEvaluation(manager, a.id);
    expect(detail.trend).toHaveLength(12);
  });

  it("rolls a dealer's purchases up to the agent it was under on each invoice's date", async () => {
    const dealers = await bjDealers();
    const d = dealers[5]!;
    const from = (await db.select().from(organizations).where(eq(organizations.id, d.parentId!)))[0]!;
    const [to] = await db
      .select()
      .from(organizations)
      .where(and(eq(organizations.kind, "agent"), eq(organizations.ownerBranchId, d.ownerBranchId!)))
      .orderBy(asc(organizations.code));
    const target = to!.id === from.id ? (await db.select().from(organizations).where(and(eq(organizations.kind, "agent"), eq(organizations.ownerBranchId, d.ownerBranchId!))).orderBy(asc(organizations.code)))[1]! : to!;
    const period = { from: "2026-08-01", to: "2026-11-01" };
    const before = await subtreePurchases(db, period, [from.id, target.id]);
    await invoice(d.id, 10_000n, "2026-08-10", "2026-09-10");
    await invoice(d.id, 20_000n, "2026-09-20", "2026-10-20");
    // a sibling that stays under the old agent the whole period (summed once, not per day)
    const sibling = dealers.find((x) => x.parentId === from.id && x.id !== d.id)!;
    await invoice(sibling.id, 5_000n, "2026-10-05", "2026-11-04");
    await moveOrganization(manager, d.id, { parentId: target.id, effectiveDate: "2026-09-01" });

    const after = await subtreePurchases(db, period, [from.id, target.id, d.id]);
    const gain = (id: string) => (after.get(id)?.subtreeFen ?? 0n) - (before.get(id)?.subtreeFen ?? 0n);
    expect(gain(from.id)).toBe(15_000n); // August's invoice (still under it) and the sibling's
    expect(gain(target.id)).toBe(20_000n); // September: under the new one
    expect(after.get(d.id)).toEqual({ ownFen: 30_000n, subtreeFen: 30_000n });
    const parentOn = async (day: string) => (await db.execute<{ p: string | null }>(sql`select ${parentAt(sql`${d.id}::uuid`, sql`${day}::date`)} as p`))[0]!.p;
    expect([await parentOn("2026-08-31"), await parentOn("2026-09-01")]).toEqual([from.id, target.id]);

    // The tree page shows today's tree, with the dealer (and its own sub-tree) under the new agent.
    const tree = await channelTree(manager, channelTreeQuery.parse({ periodKind: "quarter", periodStart: "2026-07-01", open: [target.parentId, target.id].filter(Boolean).join(",") }));
    const node = tree.nodes.find((n) => n.id === d.id);
    expect(node).toMatchObject({ parentId: target.id, ownFen: 30_000n });
  });
});
