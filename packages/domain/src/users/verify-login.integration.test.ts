import { tenantCtx } from "../access/tenant";
import { and, count, desc, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, devices, emailOutbox, endCustomers, loginVerifications, repairRequests, users, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import type { Ctx } from "../shared/context";
import { listMyDevices } from "../service/devices";
import { listRepairRequests, repairListQuery } from "../service/lists";
import { fieldErrorsOf } from "@cs/testing/errors";
import { fakeHash, seedDemoData } from "@cs/testing/demo";
import { loadActor } from "./actor";
import { CODE_MAX_ATTEMPTS, CODES_PER_CLIENT_PER_HOUR, maskLogin } from "./login-code";
import { registerCustomer } from "./register";
import { confirmLoginCode, loginVerificationState, resendLoginCode } from "./verify-login";
import { expectUnchanged } from "@cs/testing/unchanged";

// a wrong code is refused but counted: the attempt counter is the one row a refusal may write
const countsAttempt = { except: ["login_verifications"] };

let db: Database;
/** 林晓, the demo customer with a device and repair requests, made into one the distributor knows but who has no account. */
let known: { id: string; mobile: string; email: string };

const options = { hashPassword: fakeHash, locale: "zh-CN", ip: "198.51.100.23" };

async function register(login: string) {
  return registerCustomer(db, { name: "冒名者", login, password: "secret123", confirm: "secret123", consent: "on" }, options);
}

/** As the portal builds it: the customer's work runs under row-level security. */
async function ctxOf(userId: string): Promise<Ctx> {
  return tenantCtx(db, (await loadActor(db, userId, options.ip))!);
}

/** The code as the worker would send it: read from the newest outbox row for the login. */
async function sentCode(login: string) {
  const [row] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, login)).orderBy(desc(emailOutbox.id)).limit(1);
  return { channel: row!.channel, code: (row!.params as { code: string }).code };
}

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, "0");

/** Lets the resend pause pass, as if a minute had gone by. */
const age = (userId: string) =>
  db.update(loginVerifications).set({ createdAt: sql`created_at - interval '2 minutes'` }).where(eq(loginVerifications.userId, userId));

/** What the account can read of the known customer, and whether anyone holds that customer. */
async function reach(userId: string) {
  const ctx = await ctxOf(userId);
  const requests = await listRepairRequests(ctx, repairListQuery.parse({}));
  const myDevices = await listMyDevices(ctx);
  const [holders] = await db.select({ n: count() }).from(users).where(eq(users.endCustomerId, known.id));
  return { requests: requests.total, devices: myDevices.length, holders: holders!.n, endCustomerId: ctx.actor.endCustomerId };
}

async function snapshot(userId: string) {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  const [[audits], [customers]] = await Promise.all([
    db.select({ n: count() }).from(auditLog),
    db.select({ n: count() }).from(endCustomers),
  ]);
  return { endCustomerId: user!.endCustomerId, verifiedAt: user!.loginVerifiedAt, audits: audits!.n, customers: customers!.n };
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
  const [row] = await db.select().from(endCustomers).where(eq(endCustomers.email, "customer@demo.cn"));
  known = { id: row!.id, mobile: row!.mobile!, email: row!.email! };
  // The demo account moves to a record of its own, so 林晓's device and requests have no account.
  const [spare] = await db.insert(endCustomers).values({ name: "演示账户" }).returning();
  await db.update(users).set({ endCustomerId: spare!.id, login: "former-customer@demo.cn" }).where(eq(users.endCustomerId, known.id));
  expect(await db.select({ n: count() }).from(repairRequests).where(eq(repairRequests.endCustomerId, known.id))).not.toEqual([{ n: 0 }]);
  expect(await db.select({ n: count() }).from(devices).where(eq(devices.endCustomerId, known.id))).toEqual([{ n: 1 }]);
});

describe("registration with a known customer's mobile", () => {
  let userId: string;
  let first: string;

  it("opens nothing of that customer before the code is entered", async () => {
    userId = await register(known.mobile);
    expect(await reach(userId)).toMatchObject({ requests: 0, devices: 0, holders: 0 });
    expect((await reach(userId)).endCustomerId).not.toBe(known.id);
    // the interim record does not carry the number, so a dealer's filing for it cannot land here either
    const [interim] = await db.select().from(endCustomers).where(eq(endCustomers.id, (await reach(userId)).endCustomerId!));
    expect(interim).toMatchObject({ mobile: null, email: null });
    expect(await loginVerificationState(await ctxOf(userId))).toEqual({ verified: false, pending: true, channel: "sms", masked: maskLogin(known.mobile) });
    expect(maskLogin(known.mobile)).toMatch(/^1\d{2}\*{4}\d{4}$/);

    const sent = await sentCode(known.mobile);
    expect(sent.channel).toBe("sms");
    expect(sent.code).toMatch(/^\d{6}$/);
    first = sent.code;
    const [stored] = await db.select().from(loginVerifications).where(eq(loginVerifications.userId, userId));
    expect(stored!.codeHash).not.toContain(first);
  });

  it("refuses a wrong code and links nothing, counting the attempt", async () => {
    const before = await snapshot(userId);
    expect(await expectUnchanged(db, async () => fieldErrorsOf(confirmLoginCode(await ctxOf(userId), { code: wrong(first) })), countsAttempt)).toEqual({ code: ["verify.wrongCode"] });
    expect(await expectUnchanged(db, async () => fieldErrorsOf(confirmLoginCode(await ctxOf(userId), { code: "12ab" })))).toEqual({ code: ["verify.codeFormat"] });
    expect(await snapshot(userId)).toEqual(before);
    expect(await reach(userId)).toMatchObject({ requests: 0, devices: 0, holders: 0 });
    const [stored] = await db.select().from(loginVerifications).where(eq(loginVerifications.userId, userId));
    expect(stored!.attempts).toBe(1);
  });

  it("spends the code after the attempt limit: even the right code is refused then", async () => {
    for (let i = 1; i < CODE_MAX_ATTEMPTS - 1; i++)
      expect(await expectUnchanged(db, async () => fieldErrorsOf(confirmLoginCode(await ctxOf(userId), { code: wrong(first) })), countsAttempt)).toEqual({ code: ["verify.wrongCode"] });
    expect(await expectUnchanged(db, async () => fieldErrorsOf(confirmLoginCode(await ctxOf(userId), { code: wrong(first) })), countsAttempt)).toEqual({ code: ["verify.tooManyAttempts"] });
    const before = await snapshot(userId);
    expect(await expectUnchanged(db, async () => fieldErrorsOf(confirmLoginCode(await ctxOf(userId), { code: first })), countsAttempt)).toEqual({ code: ["verify.tooManyAttempts"] });
    expect(await snapshot(userId)).toEqual(before);
    expect(await reach(userId)).toMatchObject({ requests: 0, devices: 0, holders: 0 });
  });

  it("sends a new code only after a pause; the old code dies with it", async () => {
    expect(await expectUnchanged(db, async () => fieldErrorsOf(resendLoginCode(await ctxOf(userId))))).toEqual({ form: ["verify.resendTooSoon"] });
    await age(userId);
    expect(await resendLoginCode(await ctxOf(userId))).toEqual({ sent: true });
    const next = (await sentCode(known.mobile)).code;
    if (next !== first) expect(await expectUnchanged(db, async () => fieldErrorsOf(confirmLoginCode(await ctxOf(userId), { code: first })), countsAttempt)).toEqual({ code: ["verify.wrongCode"] });
    const live = await db.select().from(loginVerifications).where(and(eq(loginVerifications.userId, userId), sql`expires_at > now()`));
    expect(live).toHaveLength(1);
  });

  it("links the known customer with the right code: the requests and the device become visible, once, audited", async () => {
    const interim = (await reach(userId)).endCustomerId!;
    const code = (await sentCode(known.mobile)).code;
    const ctx = await ctxOf(userId);
    // a double submit: both answer alike, the link happens once
    const results = await Promise.all([confirmLoginCode(ctx, { code: ` ${code} ` }), confirmLoginCode(ctx, { code })]);
    expect(results.map((r) => r.linkedEndCustomerId).sort()).toEqual([known.id, null].sort());

    const after = await reach(userId);
    expect(after.endCustomerId).toBe(known.id);
    expect(after.requests).toBeGreaterThan(0);
    expect(after.devices).toBe(1);
    expect(after.holders).toBe(1);
    expect(await db.select().from(endCustomers).where(eq(endCustomers.id, interim))).toEqual([]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.actorId, userId)).orderBy(auditLog.id);
    expect(audit.map((a) => a.action)).toEqual(["register", "login.code.send", "login.verify", "end_customer.link"]);
    expect(audit.at(-1)).toMatchObject({ entityId: known.id, after: { userId, mergedFrom: interim }, ip: options.ip });
    expect(await loginVerificationState(await ctxOf(userId))).toMatchObject({ verified: true, pending: false });

    // a retry after success changes nothing
    const before = await snapshot(userId);
    expect(await confirmLoginCode(await ctxOf(userId), { code })).toEqual({ linkedEndCustomerId: null });
    expect(await resendLoginCode(await ctxOf(userId))).toEqual({ sent: false });
    expect(await snapshot(userId)).toEqual(before);
  });
});

describe("codes", () => {
  it("refuse an expired code and link nothing", async () => {
    const [other] = await db.insert(endCustomers).values({ name: "周敏", email: "zhou.min@example.cn" }).returning();
    const userId = await register("Zhou.Min@example.cn");
    const sent = await sentCode("zhou.min@example.cn");
    expect(sent.channel).toBe("email");
    await db.update(loginVerifications).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(loginVerifications.userId, userId));
    const before = await snapshot(userId);
    expect(await expectUnchanged(db, async () => fieldErrorsOf(confirmLoginCode(await ctxOf(userId), { code: sent.code })))).toEqual({ code: ["verify.expired"] });
    expect(await snapshot(userId)).toEqual(before);
    expect(await db.select({ n: count() }).from(users).where(eq(users.endCustomerId, other!.id))).toEqual([{ n: 0 }]);
  });

  it("are limited per hour", async () => {
    const userId = await register("13500135000");
    for (let i = 1; i < 5; i++) {
      await age(userId);
      await resendLoginCode(await ctxOf(userId));
    }
    await age(userId);
    expect(await expectUnchanged(db, async () => fieldErrorsOf(resendLoginCode(await ctxOf(userId))))).toEqual({ form: ["verify.tooManyCodes"] });
    expect(await db.select({ n: count() }).from(emailOutbox).where(eq(emailOutbox.toAddress, "13500135000"))).toEqual([{ n: 5 }]);
  });

  it("are limited per client across registrations, writing nothing more", async () => {
    const crowd = { ...options, ip: "192.0.2.50" };
    // earlier registrations from that client, each sent a code within the hour
    const [other] = await db.select({ id: users.id }).from(users).where(eq(users.login, "dealer2@demo.cn"));
    const sentBefore = { userId: other!.id, target: "x", codeHash: "x", requestedIp: crowd.ip, expiresAt: sql`now()` };
    await db.insert(loginVerifications).values(Array.from({ length: CODES_PER_CLIENT_PER_HOUR }, () => sentBefore));
    const [before] = await db.select({ n: count() }).from(users);
    expect(
      await expectUnchanged(db, () => fieldErrorsOf(registerCustomer(db, { name: "群发", login: "13300133000", password: "secret123", confirm: "secret123", consent: "on" }, crowd))),
    ).toEqual({ form: ["verify.tooManyFromClient"] });
    expect(await db.select({ n: count() }).from(users)).toEqual([before]);
    // another client is not affected
    expect(await register("13300133000")).toEqual(expect.any(String));
  });

  it("give a login nobody knew its own record, which takes the login as contact once proven", async () => {
    const userId = await register("13600136000");
    const ctx = await ctxOf(userId);
    expect(await confirmLoginCode(ctx, { code: (await sentCode("13600136000")).code })).toEqual({ linkedEndCustomerId: null });
    const [own] = await db.select().from(endCustomers).where(eq(endCustomers.id, ctx.actor.endCustomerId!));
    expect(own).toMatchObject({ name: "冒名者", mobile: "13600136000" });
  });

  it("are not asked of accounts from before codes existed", async () => {
    const [former] = await db.select().from(users).where(eq(users.login, "former-customer@demo.cn"));
    expect(await loginVerificationState(await ctxOf(former!.id))).toMatchObject({ verified: false, pending: false });
  });

  it("are for customers only", async () => {
    const [partner] = await db.select().from(users).where(eq(users.login, "dealer@demo.cn"));
    const ctx = await ctxOf(partner!.id);
    await expectUnchanged(db, () => expect(confirmLoginCode(ctx, { code: "123456" })).rejects.toThrow(/not allowed/));
    await expectUnchanged(db, () => expect(resendLoginCode(ctx)).rejects.toThrow(/not allowed/));
  });
});
