import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { confirmDelivery } from "../billing/ship";
import { runCareRules } from "../relationships/care";
import { addDays, shanghaiToday } from "../shared/dates";
import { NotFoundError } from "../shared/errors";
import { ctxOf, newKey, seedDemoData, userIdOf } from "@cs/testing/demo";
import { fieldErrorsOf } from "@cs/testing/errors";
import { createShippedOrder } from "@cs/testing/shipped-order";
import { expectUnchanged } from "@cs/testing/unchanged";
import { answerSurvey, answerSurveyByToken, surveyByToken } from "./answer";
import { satisfactionResults } from "./results";

let db: Database;
const today = shanghaiToday();
const one = async <T>(q: ReturnType<typeof sql>) => (await db.execute<T & Record<string, unknown>>(q))[0]!;

/** A DL-0001 order placed by dealer@demo.cn, shipped and delivered: the care pass then opens its survey. */
async function deliveredShipment(sku: string) {
  const shipped = await createShippedOrder(db, { lines: [{ sku, quantity: 2, unitPriceFen: 10_000n }] });
  await db.execute(sql`update orders set placed_by = ${await userIdOf(db, "dealer@demo.cn")}::uuid where id = ${shipped.orderId}::uuid`);
  await confirmDelivery(await ctxOf(db, "warehouse@demo.cn"), { shipmentId: shipped.shipmentId });
  return shipped;
}

const tokenOf = async (shipmentId: string) =>
  (await one<{ token: string }>(sql`select e.params->>'surveyToken' as token from email_outbox e join surveys s on s.id::text = e.params->>'entityId'
    where s.subject_id = ${shipmentId}::uuid and e.template = 'survey.delivery'`)).token;

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

describe("satisfaction surveys", () => {
  it("a delivery opens one survey with a one-click link, once however often the care pass runs", async () => {
    const s = await deliveredShipment("SAT-1");
    expect((await runCareRules(db, today)).surveys).toBeGreaterThan(0);
    expect((await runCareRules(db, today)).surveys).toBe(0);
    const counts = await one<{ surveys: number; mails: number }>(sql`select
      (select count(*)::int from surveys where kind = 'delivery' and subject_id = ${s.shipmentId}::uuid) as surveys,
      (select count(*)::int from email_outbox e join surveys v on v.id::text = e.params->>'entityId' where v.subject_id = ${s.shipmentId}::uuid) as mails`);
    expect(counts).toEqual({ surveys: 1, mails: 1 });
    const token = await tokenOf(s.shipmentId);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // only the hash is kept
    expect((await one<{ n: number }>(sql`select count(*)::int as n from surveys where token_hash = ${token}`)).n).toBe(0);
    expect(await surveyByToken(db, token)).toMatchObject({ kind: "delivery", state: "open", subjectNumber: s.orderNumber });
  });

  it("answers from the link once: the same click again replays, another answer is refused in words and changes nothing", async () => {
    const s = await deliveredShipment("SAT-2");
    await runCareRules(db, today);
    const token = await tokenOf(s.shipmentId);
    const key = newKey();
    expect(await answerSurveyByToken(db, token, { _key: key, score: "5", comment: "准时送达" })).toMatchObject({ kind: "delivery", score: 5 });
    expect(await answerSurveyByToken(db, token, { _key: key, score: "5", comment: "准时送达" })).toMatchObject({ score: 5 });
    expect((await expectUnchanged(db, () => fieldErrorsOf(answerSurveyByToken(db, token, { _key: newKey(), score: "1" })))).score).toEqual(["satisfaction.errors.answered"]);
    expect(await surveyByToken(db, token)).toMatchObject({ state: "answered", score: 5 });
    const row = await one<{ answered_by: string; n: number }>(sql`select answered_by, (select count(*)::int from audit_log a where a.entity = 'survey' and a.entity_id = s.id::text) as n
      from surveys s where s.subject_id = ${s.shipmentId}::uuid`);
    expect(row).toEqual({ answered_by: await userIdOf(db, "dealer@demo.cn"), n: 1 });
  });

  it("refuses an expired link in words, and a forged or malformed one as not found", async () => {
    const s = await deliveredShipment("SAT-3");
    await runCareRules(db, today);
    const token = await tokenOf(s.shipmentId);
    await db.execute(sql`update surveys set expires_at = now() - interval '1 minute' where subject_id = ${s.shipmentId}::uuid`);
    expect(await surveyByToken(db, token)).toMatchObject({ state: "expired" });
    expect((await expectUnchanged(db, () => fieldErrorsOf(answerSurveyByToken(db, token, { _key: newKey(), score: "4" })))).score).toEqual(["satisfaction.errors.expired"]);
    const forged = `${token.slice(0, 42)}${token.endsWith("A") ? "B" : "A"}`;
    await expect(answerSurveyByToken(db, forged, { _key: newKey(), score: "4" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(surveyByToken(db, "not-a-token")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("in the portal a partner answers its own surveys only, on the kind's scale", async () => {
    const s = await deliveredShipment("SAT-4");
    await runCareRules(db, today);
    const [survey] = await db.execute<{ id: string }>(sql`select id from surveys where subject_id = ${s.shipmentId}::uuid`);
    const other = await ctxOf(db, "dealer2@demo.cn");
    await expect(expectUnchanged(db, () => answerSurvey(other, { _key: newKey(), surveyId: survey!.id, score: "5" }))).rejects.toBeInstanceOf(NotFoundError);
    const dealer = await ctxOf(db, "dealer@demo.cn");
    expect((await expectUnchanged(db, () => fieldErrorsOf(answerSurvey(dealer, { _key: newKey(), surveyId: survey!.id, score: "6" })))).score).toEqual(["satisfaction.errors.score"]);
    expect((await fieldErrorsOf(answerSurvey(dealer, { _key: newKey(), surveyId: survey!.id, score: "" }))).score).toEqual(["satisfaction.errors.score"]);
    await answerSurvey(dealer, { _key: newKey(), surveyId: survey!.id, score: "4" });
    expect((await fieldErrorsOf(answerSurvey(dealer, { _key: newKey(), surveyId: survey!.id, score: "3" }))).score).toEqual(["satisfaction.errors.answered"]);
  });

  it("asks each partner's NPS once a quarter: 0 is an answer, 11 is not", async () => {
    const dl1 = (await one<{ id: string }>(sql`select id from organizations where code = 'DL-0001'`)).id;
    await runCareRules(db, today);
    await runCareRules(db, today);
    const nps = sql`select count(*)::int as n from surveys where kind = 'nps' and subject_id = ${dl1}::uuid`;
    expect((await one<{ n: number }>(nps)).n).toBe(1);
    const [survey] = await db.execute<{ id: string; period: string }>(sql`select id, period from surveys where kind = 'nps' and subject_id = ${dl1}::uuid`);
    expect(survey!.period).toMatch(/^\d{4}-Q[1-4]$/);
    const dealer = await ctxOf(db, "dealer@demo.cn");
    expect((await fieldErrorsOf(answerSurvey(dealer, { _key: newKey(), surveyId: survey!.id, score: "11" }))).score).toEqual(["satisfaction.errors.npsScore"]);
    await answerSurvey(dealer, { _key: newKey(), surveyId: survey!.id, score: "0" });
    // the next quarter asks again
    await runCareRules(db, addDays(today, 95));
    expect((await one<{ n: number }>(nps)).n).toBe(2);
  });

  it("results group by kind, branch, station, product line and owner, within the viewer's branches", async () => {
    const admin = await satisfactionResults(await ctxOf(db, "admin@demo.cn"), {});
    expect(admin.overall?.answered).toBeGreaterThanOrEqual(3);
    expect(admin.byKind.find((k) => k.key === "delivery")).toMatchObject({ csatAnswers: 2, csatAverage: 4.5 });
    expect(admin.byKind.find((k) => k.key === "nps")?.nps).toBe(-100);
    expect(admin.byBranch.length).toBeGreaterThan(0);
    expect(admin.byLine.some((l) => l.csatAnswers > 0)).toBe(true);
    expect(admin.trend.length).toBeGreaterThan(0);
    // DL-0001 is Beijing's: Shanghai sales see none of its answers
    const sh = await satisfactionResults(await ctxOf(db, "sales.sh@demo.cn"), {});
    expect(sh.byKind.find((k) => k.key === "delivery")?.csatAnswers ?? 0).toBe(0);
    await expect(satisfactionResults(await ctxOf(db, "warehouse@demo.cn"), {})).rejects.toThrow();
  });
});
