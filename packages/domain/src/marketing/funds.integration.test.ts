import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { budgetPools, createDatabase, divisions, fundApplications, fundClaims, rebateLedger, type Database } from "@cs/db";
import type { UploadStore } from "../service/uploads";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import { addDays, shanghaiToday } from "../shared/dates";
import type { Ctx } from "../shared/context";
import { expectDomainError } from "@cs/testing/billing";
import { ctxOf, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { balanceOf, ledgerConsistent } from "@cs/testing/rebate-balance";
import { expectUnchanged } from "@cs/testing/unchanged";
import { decideFundClaim, fileFundClaim } from "./claims";
import { applyForFunds, decideFundApplication } from "./funds";
import { fundListQuery, getFundApplication, listFundApplications } from "./funds-queries";
import { createBudgetPool } from "./pools";
import { quarterOf } from "./quarter";
import { MAX_PROOF_BYTES } from "./proof";

let db: Database;
let marketing: Ctx;
let manager: Ctx;
let dealer: Ctx;
let dealer2: Ctx;
let dealerOrg: string;
let divisionId: string;
let poolId: string;
let store: UploadStore;
const today = shanghaiToday();

const pdf = (name = "invoice.pdf") => ({ name, bytes: new TextEncoder().encode("%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n") });
const png = (name = "photo.png") => ({ name, bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]) });

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  marketing = await ctxOf(db, "marketing@demo.cn");
  manager = await ctxOf(db, "manager@demo.cn");
  dealer = await ctxOf(db, "dealer@demo.cn");
  dealer2 = await ctxOf(db, "dealer2@demo.cn");
  const org = await orgByCode(db, "DL-0001");
  dealerOrg = org.id;
  divisionId = (await db.select({ id: divisions.id }).from(divisions).orderBy(divisions.code).limit(1))[0]!.id;
  ({ poolId } = await createBudgetPool(marketing, { _key: newKey(), divisionId, branchId: org.ownerBranchId!, quarter: quarterOf(today), planned: "10,000" }));
  store = { dir: await mkdtemp(path.join(tmpdir(), "cs-funds-")) };
});

const apply = (ctx: Ctx, over: Record<string, unknown> = {}) =>
  applyForFunds(ctx, { _key: newKey(), divisionId, activity: "门店开业促销", startsOn: today, endsOn: today, amount: "3,000", expectedResult: "30 条线索", ...over });
const poolOf = async () => (await db.select().from(budgetPools).where(eq(budgetPools.id, poolId)))[0]!;

describe("co-marketing funds", () => {
  it("applies, approves part (committing the pool), claims with proof, returns, re-claims and settles into the rebate balance once", async () => {
    const { applicationId, number } = await apply(dealer);
    expect(number).toMatch(/^MF-\d{4}-\d{6}$/);
    // another partner's id is not found, by the domain's scope and by row-level security alike
    await expectDomainError(getFundApplication(dealer2, applicationId), { code: "errors.notFound" });
    expect((await listFundApplications(dealer2, fundListQuery.parse({}))).rows.map((r) => r.id)).not.toContain(applicationId);
    expect(await dealer2.db.select().from(fundApplications).where(eq(fundApplications.id, applicationId))).toEqual([]);
    expect((await listFundApplications(dealer, fundListQuery.parse({}))).rows.map((r) => r.id)).toContain(applicationId);

    await expectUnchanged(db, async () => {
      await expectDomainError(decideFundApplication(dealer, { applicationId, decision: "approve" }), { code: "errors.forbidden" });
      await expectDomainError(decideFundApplication(marketing, { applicationId, decision: "approve" }), { code: "errors.forbidden" });
      await expectDomainError(decideFundApplication(manager, { applicationId, decision: "approve", amount: "2,500" }), { fields: { reason: ["marketing.errors.reasonRequired"] } });
      await expectDomainError(decideFundApplication(manager, { applicationId, decision: "approve", amount: "3,000.01", reason: "x" }), { fields: { amount: ["marketing.errors.aboveRequest"] } });
      await expectDomainError(decideFundApplication(manager, { applicationId, decision: "reject" }), { fields: { reason: ["marketing.errors.reasonRequired"] } });
    });
    await decideFundApplication(manager, { applicationId, decision: "approve", amount: "2,500", reason: "物料费用不在支持范围" });
    expect((await poolOf()).committedFen).toBe(2_500_00n);
    await expectDomainError(decideFundApplication(manager, { applicationId, decision: "reject", reason: "x" }), { code: "marketing.errors.alreadyDecided" });

    await expectUnchanged(db, async () => {
      await expectDomainError(fileFundClaim(dealer, { _key: newKey(), applicationId, amount: "2,500.01", description: "总结" }, [pdf()], store), {
        fields: { amount: ["marketing.errors.claimAboveApproval"] },
      });
      await expectDomainError(fileFundClaim(dealer, { _key: newKey(), applicationId, amount: "0", description: "总结" }, [pdf()], store), { fields: { amount: ["marketing.errors.amountPositive"] } });
      await expectDomainError(fileFundClaim(dealer, { _key: newKey(), applicationId, amount: "100", description: "总结" }, [], store), { fields: { proof: ["marketing.errors.proofRequired"] } });
      const text = { name: "fake.pdf", bytes: new TextEncoder().encode("not a pdf at all") };
      await expectDomainError(fileFundClaim(dealer, { _key: newKey(), applicationId, amount: "100", description: "总结" }, [text], store), { fields: { proof: ["marketing.errors.fileType"] } });
      const big = { name: "big.pdf", bytes: new Uint8Array(MAX_PROOF_BYTES + 1) };
      big.bytes.set(new TextEncoder().encode("%PDF-"));
      await expectDomainError(fileFundClaim(dealer, { _key: newKey(), applicationId, amount: "100", description: "总结" }, [big], store), { fields: { proof: ["marketing.errors.fileTooLarge"] } });
      await expectDomainError(fileFundClaim(dealer2, { _key: newKey(), applicationId, amount: "100", description: "总结" }, [pdf()], store), { code: "errors.notFound" });
    });

    const key = newKey();
    const claim = await fileFundClaim(dealer, { _key: key, applicationId, amount: "2,400", description: "开业活动，到店 120 人" }, [pdf()], store);
    const again = await fileFundClaim(dealer, { _key: key, applicationId, amount: "2,400", description: "开业活动，到店 120 人" }, [pdf()], store);
    expect(again.claimId).toBe(claim.claimId);
    await expectDomainError(fileFundClaim(dealer, { _key: newKey(), applicationId, amount: "2,400", description: "再来" }, [pdf()], store), { code: "marketing.errors.alreadyClaimed" });
    // the claims waiting for review, as the staff home links to them: this one, counted with the rows
    const toReview = await listFundApplications(marketing, fundListQuery.parse({ claim: "submitted", size: "100" }));
    expect(toReview.rows.map((r) => r.id)).toContain(applicationId);
    expect(toReview.rows.every((r) => r.claimStatus === "submitted")).toBe(true);
    expect(toReview.total).toBe(toReview.rows.length);
    expect((await listFundApplications(marketing, fundListQuery.parse({ claim: "returned" }))).rows.map((r) => r.id)).not.toContain(applicationId);

    await decideFundClaim(manager, { claimId: claim.claimId, decision: "return", comment: "请补充现场照片" });
    await fileFundClaim(dealer, { _key: newKey(), applicationId, amount: "2,400", description: "补充照片" }, [png()], store);
    const detail = await getFundApplication(dealer, applicationId);
    expect(detail.claim?.status).toBe("submitted");
    expect(detail.files.map((f) => f.mime)).toEqual(["application/pdf", "image/png"]);

    const before = await balanceOf(db, dealerOrg);
    const pool = createDatabase(testDatabaseUrl(), { max: 3 });
    try {
      const results = await Promise.all([1, 2, 3].map(() => decideFundClaim({ ...manager, db: pool }, { claimId: claim.claimId, decision: "approve" })));
      expect(results.filter((r) => !r.replayed)).toHaveLength(1);
      expect(results.every((r) => r.settledFen === 2_400_00n)).toBe(true);
    } finally {
      await pool.$client.end();
    }
    expect(await balanceOf(db, dealerOrg)).toBe(before + 2_400_00n);
    const credits = await db.select().from(rebateLedger).where(and(eq(rebateLedger.fundClaimId, claim.claimId), eq(rebateLedger.kind, "fund_credit")));
    expect(credits).toHaveLength(1);
    expect(await ledgerConsistent(db, dealerOrg)).toBe(true);
    // the application held ¥2,500: ¥2,400 is spent, the ¥100 left goes back to the pool
    expect(await poolOf()).toMatchObject({ committedFen: 2_400_00n, spentFen: 2_400_00n });
    expect((await db.select().from(fundClaims).where(eq(fundClaims.id, claim.claimId)))[0]).toMatchObject({ status: "approved", approvedFen: 2_400_00n });
  });

  it("refuses bad applications with translated errors and changes nothing", async () => {
    await expectUnchanged(db, async () => {
      await expectDomainError(apply(dealer, { amount: "0" }), { fields: { amount: ["marketing.errors.amountPositive"] } });
      await expectDomainError(apply(dealer, { amount: "-1" }), { fields: { amount: ["validation.money"] } });
      await expectDomainError(apply(dealer, { endsOn: addDays(today, -1) }), { fields: { endsOn: ["marketing.errors.datesOrder"] } });
      await expectDomainError(apply(dealer, { divisionId: "" }), { fields: { divisionId: ["marketing.errors.poolOrCampaign"] } });
      await expectDomainError(apply(dealer, { startsOn: "2030-01-01", endsOn: "2030-01-02" }), { fields: { divisionId: ["marketing.errors.noPoolForPartner"] } });
      await expectDomainError(apply(dealer, { campaignId: "00000000-0000-4000-8000-000000000000" }), { fields: { campaignId: ["validation.invalid"] } });
      await expectDomainError(apply(marketing), { code: "errors.forbidden" });
    });
  });

  it("refuses a claim past its deadline, and an approval past the pool with the figures", async () => {
    const { applicationId } = await apply(dealer, { amount: "1,000" });
    await decideFundApplication(manager, { applicationId, decision: "approve" });
    await db.update(fundApplications).set({ claimDueOn: addDays(today, -1), startsOn: addDays(today, -2), endsOn: addDays(today, -2) }).where(eq(fundApplications.id, applicationId));
    await expectUnchanged(db, () => expectDomainError(fileFundClaim(dealer, { _key: newKey(), applicationId, amount: "100", description: "迟到" }, [pdf()], store), { code: "marketing.errors.claimLate" }));
    const big = await apply(dealer, { amount: "9,000" });
    const refused = await decideFundApplication(manager, { applicationId: big.applicationId, decision: "approve" }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: "marketing.errors.poolExceeded", params: { amount: "¥9,000.00", remaining: "¥6,600.00" } });
    expect((await db.select().from(fundApplications).where(eq(fundApplications.id, big.applicationId)))[0]!.status).toBe("submitted");
  });
});
