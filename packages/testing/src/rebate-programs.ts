import { eq } from "drizzle-orm";
import { organizationParents, organizations, partnerTargets, rebateStatements, type Database, type PartnerTier } from "@cs/db";
import { addInvoiceStats } from "@cs/domain/channel/stats";
import { createTestInvoice } from "./billing";

/** Test-only helpers for rebate programs: partners of their own, invoices and targets in a quiet period. */
let partnerCounter = 0;

export async function createRebatePartner(db: Database, input: { branchId: string | null; tier?: PartnerTier; kind?: "dealer" | "agent" | "master_distributor"; prefix?: string }) {
  const code = `${input.prefix ?? "RBT"}-${String(++partnerCounter).padStart(4, "0")}-${Math.random().toString(36).slice(2, 5).toUpperCase()}`;
  const [org] = await db
    .insert(organizations)
    .values({ code, kind: input.kind ?? "dealer", name: `返利测试${code}`, tier: input.tier ?? "silver", ownerBranchId: input.branchId, paymentTermsDays: 30 })
    .returning();
  await db.insert(organizationParents).values({ organizationId: org!.id, parentId: null, validFrom: "2020-01-01" });
  return org!;
}

export async function setTarget(db: Database, organizationId: string, periodStart: string, amountFen: bigint, periodKind: "month" | "quarter" | "year" = "quarter") {
  await db.insert(partnerTargets).values({ organizationId, periodKind, periodStart, amountFen });
}

/** An invoice with its partner_month_stats rows, as issuing one through billing would keep them. */
export async function invoiceOn(db: Database, organizationId: string, productId: string, totalFen: bigint, issuedOn: string, dueOn = issuedOn) {
  return db.transaction(async (tx) => {
    const invoice = await createTestInvoice(tx, { organizationId, productId, totalFen, issuedOn, dueOn });
    await addInvoiceStats(tx, invoice.id);
    return invoice;
  });
}

/** Half-open placement [from, to) under a parent, replacing the open-ended root placement. */
export async function placeUnder(db: Database, organizationId: string, spans: { parentId: string | null; from: string; to: string | null }[]) {
  await db.delete(organizationParents).where(eq(organizationParents.organizationId, organizationId));
  await db.insert(organizationParents).values(spans.map((s) => ({ organizationId, parentId: s.parentId, validFrom: s.from, validTo: s.to })));
}

export async function statementOf(db: Database, programId: string, organizationId: string) {
  const rows = await db.select().from(rebateStatements).where(eq(rebateStatements.programId, programId));
  return rows.find((r) => r.organizationId === organizationId) ?? null;
}

/** A form-shaped program input (percent strings), valid unless overridden. */
export function programForm(over: Record<string, unknown> = {}) {
  return {
    code: `RBP-${Math.random().toString(36).slice(2, 8).toUpperCase()}`,
    name: "季度返利测试",
    status: "active",
    periodStart: "2024-01-01",
    periodEnd: "2024-03-31",
    basis: "invoiced",
    method: "retroactive",
    eligibleTiers: [],
    eligibleBranchIds: [],
    eligiblePartners: "",
    tiers: [
      { minCompletion: "80", rate: "1" },
      { minCompletion: "100", rate: "2" },
      { minCompletion: "120", rate: "3" },
    ],
    multiplierTiers: [],
    ...over,
  };
}
