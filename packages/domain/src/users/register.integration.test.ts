import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, emailOutbox, endCustomers, loginVerifications, userRoles, users, type Database } from "@cs/db";
import { testDb } from "../../../../tests/db";
import { fieldErrorsOf } from "@cs/testing/errors";
import { fakeHash, seedDemoData } from "@cs/testing/demo";
import { loadActor } from "./actor";
import { PRIVACY_NOTICE_VERSION, registerCustomer } from "./register";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;

const options = { hashPassword: fakeHash, locale: "zh-CN", ip: "203.0.113.7" };

async function counts() {
  const [[u], [c], [a]] = await Promise.all([
    db.select({ n: count() }).from(users),
    db.select({ n: count() }).from(endCustomers),
    db.select({ n: count() }).from(auditLog),
  ]);
  return { users: u!.n, customers: c!.n, audit: a!.n };
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

describe("registerCustomer", () => {
  it("registers with an e-mail: end customer, user, role, a code by e-mail and an audit row", async () => {
    const before = await counts();
    const userId = await registerCustomer(
      db,
      { name: " 王芳 ", login: " Wang.Fang@Example.CN ", password: "secret123", confirm: "secret123", consent: "on" },
      options,
    );

    const [user] = await db.select().from(users).where(eq(users.id, userId));
    expect(user).toMatchObject({
      kind: "customer",
      login: "wang.fang@example.cn",
      displayName: "王芳",
      passwordHash: "x:secret123",
      organizationId: null,
      locale: "zh-CN",
      status: "active",
      loginVerifiedAt: null,
    });
    // the login becomes the record's contact only once a code proves it (verify-login.integration.test.ts)
    const [customer] = await db.select().from(endCustomers).where(eq(endCustomers.id, user!.endCustomerId!));
    expect(customer).toMatchObject({ name: "王芳", email: null, mobile: null });
    const [code] = await db.select().from(loginVerifications).where(eq(loginVerifications.userId, userId));
    expect(code).toMatchObject({ target: "wang.fang@example.cn", attempts: 0, consumedAt: null });
    const [mail] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "wang.fang@example.cn"));
    expect(mail).toMatchObject({ channel: "email", template: "verify.loginCode", locale: "zh-CN", status: "pending" });
    expect(await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))).toEqual([
      { role: "customer" },
    ]);
    const audit = await db.select().from(auditLog).where(eq(auditLog.entityId, userId));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "register",
      entity: "user",
      actorId: userId,
      after: { login: "wang.fang@example.cn", name: "王芳", privacyNotice: PRIVACY_NOTICE_VERSION },
      ip: "203.0.113.7",
    });
    expect(await counts()).toEqual({ users: before.users + 1, customers: before.customers + 1, audit: before.audit + 1 });

    const actor = await loadActor(db, userId);
    expect(actor).toMatchObject({ kind: "customer", roles: ["customer"], endCustomerId: customer!.id, branchIds: [] });
  });

  it("registers with a mobile number in its normal form", async () => {
    const userId = await registerCustomer(
      db,
      { name: "赵磊", login: "+86 138 0013 8000", password: "Passw0rd", confirm: "Passw0rd", consent: "on" },
      options,
    );
    const [user] = await db.select().from(users).where(eq(users.id, userId));
    expect(user!.login).toBe("13800138000");
    const [sms] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, "13800138000"));
    expect(sms).toMatchObject({ channel: "sms", template: "verify.loginCode" });
  });

  it.each([
    ["a demo user's e-mail, differently cased", "CUSTOMER@demo.cn"],
    ["an e-mail registered above", "wang.fang@example.cn"],
    ["a mobile registered above, written differently", "138-0013-8000"],
  ])("refuses %s as login taken, writing nothing", async (_what, login) => {
    const before = await counts();
    expect(await expectUnchanged(db, () => fieldErrorsOf(registerCustomer(db, { name: "重复", login, password: "secret123", confirm: "secret123", consent: "on" }, options)))).toEqual({
      login: ["validation.loginTaken"],
    });
    expect(await counts()).toEqual(before);
  });

  it("lets only one of two simultaneous registrations of a login through", async () => {
    const form = { name: "并发", login: "race@example.cn", password: "secret123", confirm: "secret123", consent: "on" };
    const results = await Promise.allSettled([registerCustomer(db, form, options), registerCustomer(db, form, options)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [rejected] = results.filter((r) => r.status === "rejected");
    expect(await fieldErrorsOf(Promise.reject((rejected as PromiseRejectedResult).reason))).toEqual({ login: ["validation.loginTaken"] });
    expect(await db.select().from(users).where(eq(users.login, "race@example.cn"))).toHaveLength(1);
  });

  it.each([
    ["a short password", { password: "abc12", confirm: "abc12" }, { password: ["validation.passwordShort"] }],
    ["a password without digits", { password: "password", confirm: "password" }, { password: ["validation.passwordWeak"] }],
    ["a password without letters", { password: "12345678", confirm: "12345678" }, { password: ["validation.passwordWeak"] }],
    ["a mismatched confirmation", { password: "secret123", confirm: "secret124" }, { confirm: ["validation.passwordMismatch"] }],
    ["a login that is neither e-mail nor mobile", { login: "wangfang" }, { login: ["validation.login"] }],
    ["a malformed e-mail", { login: "wang@fang" }, { login: ["validation.login"] }],
    ["a landline as login", { login: "010-62345678" }, { login: ["validation.login"] }],
    ["a missing name", { name: "  " }, { name: ["validation.required"] }],
    ["no consent to the privacy notice", { consent: undefined }, { consent: ["auth.consentRequired"] }],
    ["a forged consent value", { consent: "yes" }, { consent: ["auth.consentRequired"] }],
  ])("refuses %s with field keys", async (_what, overrides, expected) => {
    const before = await counts();
    let hashed = false;
    const form = { name: "测试", login: "new.user@example.cn", password: "secret123", confirm: "secret123", consent: "on", ...overrides };
    const errors = await expectUnchanged(db, () => fieldErrorsOf(
      registerCustomer(db, form, { ...options, hashPassword: async (p) => ((hashed = true), fakeHash(p)) }),
    ));
    expect(errors).toEqual(expected);
    expect(hashed).toBe(false);
    expect(await counts()).toEqual(before);
  });
});
