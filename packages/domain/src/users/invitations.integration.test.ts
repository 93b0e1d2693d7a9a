import { count, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, customerInvitations, emailOutbox, endCustomers, loginVerifications, repairRequests, users, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { listRepairRequests, repairListQuery } from "../service/lists";
import { ConflictError, ForbiddenError, NotFoundError } from "../shared/errors";
import { fieldErrorsOf } from "@cs/testing/errors";
import { ctxOf, fakeHash, newKey, orgByCode, seedDemoData } from "@cs/testing/demo";
import { loadActor } from "./actor";
import { invitationPreview, inviteCustomer } from "./invitations";
import { registerCustomer } from "./register";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;
let requestId: string;
let customerId: string;
const mobile = "13712345678";
const options = { hashPassword: fakeHash, locale: "zh-CN", ip: "203.0.113.9" };

const register = (login: string, invite: string) =>
  registerCustomer(db, { name: "陈静", login, password: "secret123", confirm: "secret123", consent: "on", invite }, options);

/** The token as the SMS carries it: read from the newest invitation row of the outbox. */
async function sentToken() {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "invite.customer")).orderBy(desc(emailOutbox.id)).limit(1);
  return (row!.params as { token: string }).token;
}

async function counts() {
  const [[u], [i], [o], [a]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(customerInvitations),
    db.select({ n: count() }).from(emailOutbox),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { users: u!.n, invitations: i!.n, outbox: o!.n, audit: a!.n };
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  // a request dealer DL-0001 filed for a customer without an account
  const [customer] = await db.insert(endCustomers).values({ name: "陈静", mobile }).returning();
  customerId = customer!.id;
  const [req] = await db.select({ id: repairRequests.id }).from(repairRequests).limit(1);
  requestId = req!.id;
  await db
    .update(repairRequests)
    .set({ endCustomerId: customerId, organizationId: (await orgByCode(db, "DL-0001")).id })
    .where(eq(repairRequests.id, requestId));
});

describe("a dealer's invitation", () => {
  it("is refused to another dealer and to customers, writing nothing", async () => {
    const before = await counts();
    await expectUnchanged(db, async () => expect(inviteCustomer(await ctxOf(db, "dealer2@demo.cn"), { requestId, _key: newKey() })).rejects.toBeInstanceOf(NotFoundError));
    await expectUnchanged(db, async () => expect(inviteCustomer(await ctxOf(db, "customer@demo.cn"), { requestId, _key: newKey() })).rejects.toBeInstanceOf(ForbiddenError));
    expect(await counts()).toEqual(before);
  });

  it("texts a single-use link to the customer's mobile, once per submission, audited; only the token's hash is kept", async () => {
    const ctx = await ctxOf(db, "dealer@demo.cn");
    const key = newKey();
    const before = await counts();
    expect(await inviteCustomer(ctx, { requestId, _key: key })).toEqual({ sent: true });
    expect(await inviteCustomer(ctx, { requestId, _key: key })).toEqual({ sent: true });
    expect(await counts()).toEqual({ ...before, invitations: before.invitations + 1, outbox: before.outbox + 1, audit: before.audit + 1 });
    const [sms] = await db.select().from(emailOutbox).where(eq(emailOutbox.template, "invite.customer"));
    expect(sms).toMatchObject({ channel: "sms", toAddress: mobile });
    const token = await sentToken();
    const [invitation] = await db.select().from(customerInvitations).where(eq(customerInvitations.endCustomerId, customerId));
    expect(invitation!.tokenHash).not.toContain(token);
    expect(await invitationPreview(db, token)).toEqual({ masked: "137****5678", name: "陈静" });
    expect(await invitationPreview(db, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`)).toBeNull();
    expect(await invitationPreview(db, "not a token")).toBeNull();
    // a second invitation right away is refused
    expect(await expectUnchanged(db, () => fieldErrorsOf(inviteCustomer(ctx, { requestId, _key: newKey() })))).toEqual({ form: ["invite.tooSoon"] });
  });

  it("registers only the number it went to", async () => {
    const before = await counts();
    expect(await expectUnchanged(db, async () => fieldErrorsOf(register("13712345679", await sentToken())))).toEqual({ login: ["invite.loginMismatch"] });
    expect(await expectUnchanged(db, () => fieldErrorsOf(register(mobile, "x".repeat(43))))).toEqual({ form: ["invite.invalid"] });
    expect(await counts()).toEqual(before);
  });

  it("registers the customer already linked and verified, without a code; the link is then spent", async () => {
    const token = await sentToken();
    const userId = await register(mobile, token);
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({ endCustomerId: customerId, loginVerifiedAt: expect.any(Date) });
    expect(await db.select().from(loginVerifications).where(eq(loginVerifications.userId, userId))).toEqual([]);
    const ctx = { db, actor: (await loadActor(db, userId))! };
    expect((await listRepairRequests(ctx, repairListQuery.parse({}))).total).toBe(1);
    const audit = await db.select().from(auditLog).where(eq(auditLog.actorId, userId)).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["register", "end_customer.link"]);
    expect(await invitationPreview(db, token)).toBeNull();
    expect(await db.select({ consumedBy: customerInvitations.consumedBy }).from(customerInvitations)).toEqual([{ consumedBy: userId }]);

    // the customer now has an account: no further invitations
    await db.update(customerInvitations).set({ createdAt: sql`created_at - interval '1 hour'` });
    await expectUnchanged(db, async () => expect(inviteCustomer(await ctxOf(db, "dealer@demo.cn"), { requestId, _key: newKey() })).rejects.toBeInstanceOf(ConflictError));
  });

  it("expires", async () => {
    const [other] = await db.insert(endCustomers).values({ name: "何平", mobile: "13812340000" }).returning();
    await db.update(repairRequests).set({ endCustomerId: other!.id }).where(eq(repairRequests.id, requestId));
    await inviteCustomer(await ctxOf(db, "dealer@demo.cn"), { requestId, _key: newKey() });
    const token = await sentToken();
    await db.update(customerInvitations).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(customerInvitations.endCustomerId, other!.id));
    const before = await counts();
    expect(await expectUnchanged(db, () => fieldErrorsOf(register("13812340000", token)))).toEqual({ form: ["invite.invalid"] });
    expect(await counts()).toEqual(before);
  });
});
