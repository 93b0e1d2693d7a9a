import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { divisions, organizations, productLines, stationClaimLines, stationClaims, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import { ForbiddenError, ValidationError } from "../../shared/errors";
import { ctxOf, seedDemoData } from "@cs/testing/demo";
import { anySerializedProduct, customerOf, insertRepairRequest } from "../network/test-fixtures";
import { serviceDashboard } from "./dashboard";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
const hour = 3600_000;
const day = 24 * hour;
const ago = (ms: number) => new Date(Date.now() - ms);

let stationA: string;
let stationB: string;
let divisionId: string;
let lineId: string;

async function claim(requestId: string, stationId: string, status: "approved" | "adjusted" | "rejected", approvedFen: bigint | null, labour: bigint, parts: bigint) {
  const [c] = await db
    .insert(stationClaims)
    .values({ number: `CL-T-${requestId.slice(0, 8)}`, stationId, requestId, status, claimedFen: labour + parts, approvedFen, decidedAt: ago(day) })
    .returning();
  await db.insert(stationClaimLines).values([
    { claimId: c!.id, kind: "labour", description: "工时", amountFen: labour },
    { claimId: c!.id, kind: "part", description: "主板", amountFen: parts },
  ]);
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  // exact figures need exactly these requests: drop the demo's service history in this file's own database
  await db.execute(sql`truncate repair_requests cascade`);
  const product = await anySerializedProduct(db);
  const [line] = await db.select().from(productLines).where(eq(productLines.id, product.productLineId));
  lineId = line!.id;
  divisionId = line!.divisionId;
  const [a] = await db.select().from(organizations).where(eq(organizations.code, "RS-001"));
  const [b] = await db.select().from(organizations).where(eq(organizations.code, "RS-002"));
  stationA = a!.id;
  stationB = b!.id;
  const endCustomerId = await customerOf(db);
  const base = { productId: product.id, endCustomerId, divisionId };
  // r1: fixed in 48 h inside its deadline, rated 4 — but the same device came back 8 days later
  const r1 = await insertRepairRequest(db, {
    ...base, serial: "DASH-S1", stationId: stationA, status: "closed", rating: 4,
    createdAt: ago(20 * day), respondedAt: ago(20 * day - hour), responseDueAt: ago(20 * day - 4 * hour),
    resolvedAt: ago(18 * day), resolutionDueAt: ago(17 * day), slaDueAt: null,
  });
  // r2: the repeat, fixed in 120 h after its deadline, rated 2
  const r2 = await insertRepairRequest(db, {
    ...base, serial: "DASH-S1", stationId: stationA, status: "returned", rating: 2,
    createdAt: ago(10 * day), respondedAt: ago(10 * day - 5 * hour), responseDueAt: ago(10 * day - 4 * hour),
    resolvedAt: ago(5 * day), resolutionDueAt: ago(7 * day), slaDueAt: null,
  });
  // r3: still open at another station, past its deadline
  const r3 = await insertRepairRequest(db, { ...base, serial: "DASH-S2", stationId: stationB, status: "diagnosing", createdAt: ago(3 * day), slaDueAt: ago(hour) });
  // outside the period: ignored
  await insertRepairRequest(db, { ...base, serial: "DASH-S3", stationId: stationB, status: "closed", createdAt: ago(200 * day), resolvedAt: ago(199 * day), rating: 1 });
  await claim(r1.id, stationA, "approved", 40_000n, 10_000n, 30_000n);
  await claim(r2.id, stationA, "adjusted", 20_000n, 10_000n, 30_000n);
  await claim(r3.id, stationB, "rejected", 0n, 5_000n, 5_000n);
});

describe("serviceDashboard", () => {
  it("computes turnaround, first-time fix, SLA compliance, satisfaction and overdue overall", async () => {
    const d = await serviceDashboard(await ctxOf(db, "service@demo.cn"), {});
    expect(d.overall).toMatchObject({
      requests: 3,
      resolved: 2,
      turnaroundHours: 84,
      turnaroundMedianHours: 84,
      firstTimeFixRate: 0.5,
      slaResolutionRate: 0.5,
      slaResponseRate: 0.5,
      openOverdue: 1,
      ratingAverage: 3,
      ratings: 2,
    });
  });

  it("splits the same figures by station and by division", async () => {
    const d = await serviceDashboard(await ctxOf(db, "manager@demo.cn"), {});
    const a = d.byStation.find((s) => s.key === stationA)!;
    const b = d.byStation.find((s) => s.key === stationB)!;
    expect(a).toMatchObject({ nameZh: expect.any(String), requests: 2, resolved: 2, firstTimeFixRate: 0.5, openOverdue: 0 });
    expect(b).toMatchObject({ requests: 1, resolved: 0, turnaroundHours: null, firstTimeFixRate: null, openOverdue: 1 });
    const [division] = await db.select().from(divisions).where(eq(divisions.id, divisionId));
    expect(d.byDivision).toEqual([expect.objectContaining({ key: divisionId, nameZh: division!.nameZh, requests: 3 })]);
  });

  it("adds approved and adjusted claims as warranty cost, split into labour and parts, by product line, station and division", async () => {
    const d = await serviceDashboard(await ctxOf(db, "service@demo.cn"), {});
    expect(d.cost.total).toMatchObject({ labourFen: 15_000n, partsFen: 45_000n, totalFen: 60_000n, claims: 2 });
    expect(d.cost.byLine).toEqual([expect.objectContaining({ key: lineId, totalFen: 60_000n })]);
    expect(d.cost.byStation).toEqual([expect.objectContaining({ key: stationA, labourFen: 15_000n, partsFen: 45_000n })]);
    expect(d.cost.byDivision).toEqual([expect.objectContaining({ key: divisionId, claims: 2 })]);
  });

  it("takes the period, refuses a reversed one and refuses users without service:read", async () => {
    const desk = await ctxOf(db, "service@demo.cn");
    const longAgo = await serviceDashboard(desk, { from: "2020-01-01", to: "2020-12-31" });
    expect(longAgo.overall).toMatchObject({ requests: 0, resolved: 0, ratingAverage: null });
    expect(longAgo.cost.total.totalFen).toBe(0n);
    await expectUnchanged(db, () => expect(serviceDashboard(desk, { from: "2026-02-01", to: "2026-01-01" })).rejects.toBeInstanceOf(ValidationError));
    await expectUnchanged(db, async () => expect(serviceDashboard(await ctxOf(db, "sales.bj@demo.cn"), {})).rejects.toBeInstanceOf(ForbiddenError));
  });
});
