import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { divisions, fundClaimFiles, fundClaims, type Database } from "@cs/db";
import type { UploadStore } from "../service/uploads";
import { testDb } from "../../../../tests/db";
import { shanghaiToday } from "../shared/dates";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { auditOf, ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { balanceOf } from "@cs/testing/rebate-balance";
import { expectUnchanged } from "@cs/testing/unchanged";
import { reviewClaimLine } from "./claim-review";
import { decideFundClaim, fileFundClaim } from "./claims";
import { applyForFunds, decideFundApplication } from "./funds";
import { createBudgetPool } from "./pools";
import { quarterOf } from "./quarter";

/** A fund claim audited line by line: each proof file accepted for an amount or rejected with a reason. */

let db: Database;
let manager: Ctx;
let finance: Ctx;
let dealer: Ctx;
let dealer2: Ctx;
let dealerOrg: string;
let divisionId: string;
let store: UploadStore;
const today = shanghaiToday();
const pdf = (name: string) => ({ name, bytes: new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n") });

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  const marketing = await ctxOf(db, "marketing@demo.cn");
  manager = await ctxOf(db, "manager@demo.cn");
  finance = await ctxOf(db, "finance@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
  dealer2 = await ctxOf(db, "dealer2@demo.cn");
  const org = await orgByCode(db, "DL-0001");
  dealerOrg = org.id;
  divisionId = (await db.select({ id: divisions.id }).from(divisions).orderBy(divisions.code).limit(1))[0]!.id;
  await createBudgetPool(marketing, { _key: newKey(), divisionId, branchId: org.ownerBranchId!, quarter: quarterOf(today), planned: "50,000" });
  store = { dir: await mkdtemp(path.join(tmpdir(), "cs-claim-review-")) };
});

/** An application approved for ¥2,000 (of ¥3,000) with a claim of ¥2,500 on three proof lines. */
async function claimOnThreeLines() {
  const { applicationId } = await applyForFunds(dealer, { _key: newKey(), divisionId, activity: "社区推广", startsOn: today, endsOn: today, amount: "3,000", expectedResult: "20 条线索" });
  await decideFundApplication(manager, { applicationId, decision: "approve", amount: "2,000", reason: "物料按 2,000 元支持" });
  const { claimId } = await fileFundClaim(dealer, { _key: newKey(), applicationId, amount: "2,000", description: "场地、物料、礼品" }, [pdf("venue.pdf"), pdf("print.pdf"), pdf("gifts.pdf")], store);
  const files = await db.select().from(fundClaimFiles).where(eq(fundClaimFiles.claimId, claimId)).orderBy(fundClaimFiles.originalName);
  const [gifts, print, venue] = files.map((f) => f.id) as [string, string, string];
  return { applicationId, claimId, venue, print, gifts };
}

describe("line-by-line claim review", () => {
  it("accepts and rejects lines, approval settles exactly their sum, and the sum can never pass the approval", async () => {
    const { claimId, venue, print, gifts } = await claimOnThreeLines();
    const before = await balanceOf(db, dealerOrg);
    await expectUnchanged(db, async () => {
      await expectDomainError(reviewClaimLine(manager, { claimId, fileId: venue, decision: "accept", amount: "0" }), { fields: { amount: ["marketing.errors.amountPositive"] } });
      await expectDomainError(reviewClaimLine(manager, { claimId, fileId: venue, decision: "reject" }), { fields: { reason: ["marketing.errors.reasonRequired"] } });
      await expectDomainError(reviewClaimLine(manager, { claimId, fileId: venue, decision: "accept", amount: "2,000.01" }), { fields: { amount: ["marketing.errors.linesAboveApproval"] } });
      await expectDomainError(reviewClaimLine(finance, { claimId, fileId: venue, decision: "accept", amount: "1" }), { code: "errors.forbidden" });
      await expectDomainError(reviewClaimLine(dealer, { claimId, fileId: venue, decision: "accept", amount: "1" }), { code: "errors.forbidden" });
      await expectDomainError(reviewClaimLine(manager, { claimId, fileId: "00000000-0000-4000-8000-000000000000", decision: "accept", amount: "1" }), { code: "errors.notFound" });
    });
    expect(await reviewClaimLine(manager, { claimId, fileId: venue, decision: "accept", amount: "1,200" })).toMatchObject({ reviewed: 1, acceptedFen: 1_200_00n });
    // re-reviewing a line replaces its amount (the same input twice leaves the same state)
    await reviewClaimLine(manager, { claimId, fileId: venue, decision: "accept", amount: "1,000" });
    expect(await reviewClaimLine(manager, { claimId, fileId: venue, decision: "accept", amount: "1,000" })).toMatchObject({ reviewed: 1, acceptedFen: 1_000_00n });
    // a second line that would take the accepted sum past the ¥2,000 approval is refused with the figures
    const refused = reviewClaimLine(manager, { claimId, fileId: print, decision: "accept", amount: "1,000.01" });
    await expect(refused).rejects.toMatchObject({ code: "marketing.errors.linesAboveApproval", params: { total: "¥2,000.01", approved: "¥2,000.00" } });
    await reviewClaimLine(manager, { claimId, fileId: print, decision: "accept", amount: "600" });
    // approving before every line is reviewed is refused
    await expectUnchanged(db, () => expectDomainError(decideFundClaim(manager, { claimId, decision: "approve" }), { fields: { form: ["marketing.errors.linesUnreviewed"] } }));
    await reviewClaimLine(manager, { claimId, fileId: gifts, decision: "reject", reason: "礼品发票抬头不符" });
    await expectUnchanged(db, () => expectDomainError(decideFundClaim(manager, { claimId, decision: "approve", amount: "2,000" }), { fields: { amount: ["marketing.errors.amountNotLines"] } }));
    const settled = await decideFundClaim(manager, { claimId, decision: "approve" });
    expect(settled).toMatchObject({ status: "approved", settledFen: 1_600_00n });
    expect(await balanceOf(db, dealerOrg)).toBe(before + 1_600_00n);
    const [row] = await db.select().from(fundClaims).where(eq(fundClaims.id, claimId));
    expect(row).toMatchObject({ status: "approved", approvedFen: 1_600_00n });
    // decided: no line can be changed any more
    await expectDomainError(reviewClaimLine(manager, { claimId, fileId: gifts, decision: "accept", amount: "1" }), { code: "marketing.errors.alreadyDecided" });
    expect((await auditOf(db, claimId)).filter((a) => a.action === "fund_claim.review_line")).toHaveLength(5);
  });

  it("keeps return for more proof; a claim whose every line was rejected cannot be approved; another partner never sees the lines", async () => {
    const { claimId, applicationId, venue, print, gifts } = await claimOnThreeLines();
    for (const fileId of [venue, print, gifts]) await reviewClaimLine(manager, { claimId, fileId, decision: "reject", reason: "无发票" });
    await expectUnchanged(db, () => expectDomainError(decideFundClaim(manager, { claimId, decision: "approve" }), { fields: { form: ["marketing.errors.nothingAccepted"] } }));
    await decideFundClaim(manager, { claimId, decision: "return", comment: "请补充发票" });
    await expectDomainError(reviewClaimLine(manager, { claimId, fileId: venue, decision: "accept", amount: "1" }), { code: "marketing.errors.alreadyDecided" });
    expect(await dealer2.db.select().from(fundClaimFiles).where(eq(fundClaimFiles.claimId, claimId))).toEqual([]);
    // the partner files again with more proof; the new line is reviewed and the claim settles
    await fileFundClaim(dealer, { _key: newKey(), applicationId, amount: "900", description: "补充发票" }, [pdf("invoice-2.pdf")], store);
    const [extra] = await db.select().from(fundClaimFiles).where(eq(fundClaimFiles.originalName, "invoice-2.pdf"));
    await reviewClaimLine(manager, { claimId, fileId: extra!.id, decision: "accept", amount: "900" });
    expect(await decideFundClaim(manager, { claimId, decision: "approve" })).toMatchObject({ status: "approved", settledFen: 900_00n });
  });
});
