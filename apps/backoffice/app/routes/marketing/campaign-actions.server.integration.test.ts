import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { campaigns, divisions, type Database } from "@cs/db";
import { createBudgetPool, createCampaign, type Ctx } from "@cs/domain";
import { ctxOf, newKey, orgByCode, seedDemoData, userIdOf } from "@cs/testing/demo";
import { expectUnchanged } from "@cs/testing/unchanged";
import { testDb } from "../../../../../tests/db";
import { form, outcome } from "../../../../../tests/route-outcome";
import { runCampaignAction } from "./campaign-actions.server";

/** A campaign page's forms (approve, start, spend, close), posted to the dispatcher as the route hands them over. */

let db: Database;
let marketing: Ctx;
let manager: Ctx;
let draftInput: () => Promise<string>;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  [marketing, manager] = (await Promise.all(["marketing@demo.cn", "manager@demo.cn"].map((l) => ctxOf(db, l)))) as [Ctx, Ctx];
  const divisionId = (await db.select({ id: divisions.id }).from(divisions).orderBy(divisions.code).limit(1))[0]!.id;
  const branchId = (await orgByCode(db, "BJ")).id;
  const ownerId = await userIdOf(db, "marketing@demo.cn");
  await createBudgetPool(marketing, { _key: newKey(), divisionId, branchId, quarter: "2027-Q2", planned: "50,000" });
  draftInput = async () =>
    (
      await createCampaign(marketing, {
        _key: newKey(),
        name: "路由测试活动",
        type: "roadshow",
        divisionId,
        branchId,
        startsOn: "2027-04-01",
        endsOn: "2027-04-03",
        ownerId,
        goal: "新增 10 家经销商",
        budget_venue: "1,000",
      })
    ).campaignId;
});

const statusOf = async (id: string) => (await db.select().from(campaigns).where(eq(campaigns.id, id)))[0]!;

describe("runCampaignAction", () => {
  it("approves, starts, records spend and closes the page's campaign, redirecting with what happened each time", async () => {
    const id = await draftInput();
    const step = async (entries: [string, string][], done: string) =>
      expect(await outcome(runCampaignAction(entries[0]![1] === "approve" ? manager : marketing, id, form([...entries, ["_key", newKey()]])))).toMatchObject({ status: 302, location: `/marketing/campaigns/${id}?done=${done}` });
    await step([["intent", "approve"]], "approved");
    await step([["intent", "start"]], "started");
    await step([["intent", "spend"], ["category", "venue"], ["amount", "300"], ["spentOn", "2027-04-01"]], "spent");
    await step([["intent", "close"]], "closed");
    expect(await statusOf(id)).toMatchObject({ status: "closed", spentFen: 30_000n });
  });

  it("answers an unknown intent with nothing, a hostile field name with 400, a refused step with 404 or its error, changing nothing", async () => {
    const id = await draftInput();
    expect(await expectUnchanged(db, () => outcome(runCampaignAction(marketing, id, form([["intent", "evaluate"]]))))).toMatchObject({ thrown: false, status: null });
    expect(await expectUnchanged(db, () => outcome(runCampaignAction(manager, id, form([["intent", "approve"], ["constructor", "x"]]))))).toMatchObject({ thrown: true, status: 400, data: { messageKey: "errors.fieldName" } });
    // a spend before approval is refused with its reason, a dealer is not told the campaign exists
    const early = await expectUnchanged(db, () => outcome(runCampaignAction(marketing, id, form([["intent", "spend"], ["category", "venue"], ["amount", "1"], ["spentOn", "2027-04-01"], ["_key", newKey()]]))));
    expect(early).toMatchObject({ thrown: false, status: 409, data: { error: { form: ["marketing.errors.notSpendable"] } } });
    const dealer = await ctxOf(db, "dealer@demo.cn");
    expect(await expectUnchanged(db, () => outcome(runCampaignAction(dealer, id, form([["intent", "approve"], ["_key", newKey()]]))))).toMatchObject({ thrown: true, status: 404 });
    expect((await statusOf(id)).status).toBe("draft");
  });
});
