import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, organizations, type Database } from "@cs/db";
import { ForbiddenError, type Ctx } from "@cs/domain";
import { ctxOf, orgByCode, seedDemoData } from "@cs/testing/demo";
import { readyBuyer } from "@cs/testing/ordering";
import { expectUnchanged } from "@cs/testing/unchanged";
import { actionError } from "@cs/web/server";
import { testDb } from "../../../../../tests/db";
import { form, outcome } from "../../../../../tests/route-outcome";
import { doneUrl, runCreditIntent } from "./credit.server";

/**
 * The credit panel's backorder policy form, posted to its dispatcher as the organization page's
 * action hands it over: the page's own `back` (a `desk.done.*` key) and its `actionError` around
 * it, since the dispatcher lets domain errors through to its caller.
 */

let db: Database;
let finance: Ctx;
let sales: Ctx;
let dealerId = "";

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  dealerId = (await readyBuyer(db, "DL-0001", { backorderPolicy: "backorder" })).org.id;
  [finance, sales] = (await Promise.all(["finance@demo.cn", "sales.bj@demo.cn"].map((login) => ctxOf(db, login)))) as [Ctx, Ctx];
});

/** What organizations/detail.tsx does with a credit intent for the organization `id`. */
function postOnOrganizationPage(ctx: Ctx, id: string, body: FormData) {
  const back = doneUrl(`/organizations/${id}`);
  return runCreditIntent(ctx, body, (done, extra) => back(`desk.done.${done === "heldConfirmed" ? "holdOff" : done}`, extra)).catch((error: unknown) =>
    actionError(error, body),
  );
}

const orgRow = async (id: string) => (await db.select().from(organizations).where(eq(organizations.id, id)))[0]!;

describe("runCreditIntent: policy", () => {
  it("sets a partner's backorder policy, redirecting with the desk's done key; the change is audited with before and after", async () => {
    const { version } = await orgRow(dealerId);
    const answer = await outcome(postOnOrganizationPage(finance, dealerId, form([["intent", "policy"], ["organizationId", dealerId], ["policy", "ship_available"]])));
    expect(answer).toMatchObject({ thrown: false, status: 302, location: `/organizations/${dealerId}?done=desk.done.policy` });
    const row = await orgRow(dealerId);
    expect(row).toMatchObject({ backorderPolicy: "ship_available", version: version + 1 });
    const audit = await db.select().from(auditLog).where(and(eq(auditLog.entityId, dealerId), eq(auditLog.actorId, finance.actor.userId)));
    expect(audit.map((a) => [a.before, a.after])).toContainEqual([{ backorderPolicy: "backorder" }, { backorderPolicy: "ship_available" }]);
  });

  it("refuses a policy outside the list with 400, and a branch (which buys nothing) with the policy's error, changing nothing", async () => {
    const outside = await expectUnchanged(db, () => outcome(postOnOrganizationPage(finance, dealerId, form([["intent", "policy"], ["organizationId", dealerId], ["policy", "oversell"]]))));
    expect(outside).toMatchObject({ thrown: false, status: 400, data: { error: { policy: ["validation.invalid"] } } });
    const branch = (await orgByCode(db, "BJ")).id;
    const onBranch = await expectUnchanged(db, () => outcome(postOnOrganizationPage(finance, branch, form([["intent", "policy"], ["organizationId", branch], ["policy", "ship_available"]]))));
    expect(onBranch).toMatchObject({ status: 400, data: { error: { policy: ["validation.invalid"] } } });
  });

  it("answers staff without credit:manage with 404 and leaves the policy as it was", async () => {
    const before = (await orgRow(dealerId)).backorderPolicy;
    const answer = await expectUnchanged(db, () => outcome(postOnOrganizationPage(sales, dealerId, form([["intent", "policy"], ["organizationId", dealerId], ["policy", "backorder"]]))));
    expect(answer).toMatchObject({ thrown: true, status: 404, data: { messageKey: "errors.notFound" } });
    expect((await orgRow(dealerId)).backorderPolicy).toBe(before);
  });

  it("rejects with the domain's own error when called bare, leaving the mapping to the page", async () => {
    await expectUnchanged(db, () =>
      expect(runCreditIntent(sales, form([["intent", "policy"], ["organizationId", dealerId], ["policy", "backorder"]]), doneUrl("/x"))).rejects.toBeInstanceOf(ForbiddenError),
    );
  });
});
