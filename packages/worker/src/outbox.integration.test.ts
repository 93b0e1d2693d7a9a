import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { emailOutbox, type Database } from "@cs/db";
import { testDb } from "../../../tests/db";
import { processOutbox } from "./outbox";
import type { Sms, SmsTransport } from "./sms-transport";
import { logTransport, type Mail, type Transport } from "./transport";

let db: Database;
const quiet = () => {};

const queue = async (toAddress: string, locale: string, template = "order.shipped") => {
  const [row] = await db
    .insert(emailOutbox)
    .values({ toAddress, locale, template, params: { number: "SO-2026-000042", entityType: "order", entityId: "x" } })
    .returning({ id: emailOutbox.id });
  return row!.id;
};
const rowOf = async (id: bigint) => (await db.select().from(emailOutbox).where(eq(emailOutbox.id, id)))[0]!;
/** Makes every pending row due now, as if the backoff had elapsed. */
const elapse = () => db.execute(sql`update email_outbox set next_attempt_at = now() where status = 'pending'`);

beforeAll(() => {
  db = testDb();
});

describe("the outbox worker", () => {
  it("sends a pending row through the log transport in the recipient's language and marks it sent", async () => {
    const zh = await queue("dealer@demo.cn", "zh-CN");
    const en = await queue("buyer@demo.cn", "en");
    const lines: string[] = [];
    expect(await processOutbox(db, { transport: logTransport((l) => lines.push(l)), log: quiet })).toEqual({ sent: 2, retried: 0, failed: 0 });
    expect(lines.find((l) => l.includes("to=dealer@demo.cn"))).toContain("【华信达】订单 SO-2026-000042 已发货");
    expect(lines.find((l) => l.includes("to=buyer@demo.cn"))).toContain("[Huaxinda] Order SO-2026-000042 was shipped");
    for (const id of [zh, en]) expect(await rowOf(id)).toMatchObject({ status: "sent", attempts: 1, lastError: null, sentAt: expect.any(Date) });
    // nothing left: a second pass sends nothing twice
    expect(await processOutbox(db, { transport: logTransport(quiet), log: quiet })).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("falls back to the entity's default text for an event without its own", async () => {
    await queue("x@demo.cn", "en", "order.some_new_event");
    const sent: Mail[] = [];
    await processOutbox(db, { transport: { name: "mem", send: async (m) => void sent.push(m) }, log: quiet });
    expect(sent[0]!.subject).toBe("[Huaxinda] Order SO-2026-000042 was updated");
  });

  it("retries a failing transport with backoff, then marks the row failed", async () => {
    const id = await queue("fail@demo.cn", "zh-CN");
    const failing: Transport = { name: "down", send: () => Promise.reject(new Error("connection refused")) };
    const options = { transport: failing, maxAttempts: 3, backoffMs: 60_000, log: quiet };

    expect(await processOutbox(db, options)).toEqual({ sent: 0, retried: 1, failed: 0 });
    const first = await rowOf(id);
    expect(first).toMatchObject({ status: "pending", attempts: 1, lastError: "connection refused" });
    expect(first.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 50_000);
    // backing off: not picked again before its time
    expect(await processOutbox(db, options)).toEqual({ sent: 0, retried: 0, failed: 0 });

    await elapse();
    expect(await processOutbox(db, options)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect((await rowOf(id)).nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 110_000); // doubled
    await elapse();
    expect(await processOutbox(db, options)).toEqual({ sent: 0, retried: 0, failed: 1 });
    expect(await rowOf(id)).toMatchObject({ status: "failed", attempts: 3, lastError: "connection refused", sentAt: null });
    await elapse();
    expect(await processOutbox(db, { ...options, transport: logTransport(quiet) })).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it("lets two workers share the outbox without sending a row twice", async () => {
    const ids = await Promise.all(Array.from({ length: 30 }, (_, i) => queue(`p${i}@demo.cn`, "en")));
    const sent: string[] = [];
    const transport: Transport = { name: "mem", send: async (m) => void sent.push(m.to) };
    await Promise.all([processOutbox(db, { transport, batchSize: 10, log: quiet }), processOutbox(db, { transport, batchSize: 10, log: quiet }), processOutbox(db, { transport, batchSize: 10, log: quiet })]);
    expect(sent.length).toBe(30);
    expect(new Set(sent).size).toBe(30);
    for (const id of ids) expect((await rowOf(id)).status).toBe("sent");
  });

  it("sends sms rows through the SMS transport and drops the code from the row once sent or given up", async () => {
    const code = (toAddress: string, channel: "sms" | "email", locale = "zh-CN") =>
      db
        .insert(emailOutbox)
        .values({ channel, toAddress, locale, template: "verify.loginCode", params: { code: "042917", minutes: 10, entityType: "verify", entityId: "u" } })
        .returning({ id: emailOutbox.id })
        .then(([r]) => r!.id);
    const sms = await code("13800138000", "sms");
    const mail = await code("wang@example.cn", "email", "en");
    const texts: Sms[] = [];
    const mails: Mail[] = [];
    const smsTransport: SmsTransport = { name: "mem", send: async (m) => void texts.push(m) };
    expect(await processOutbox(db, { transport: { name: "mem", send: async (m) => void mails.push(m) }, smsTransport, log: quiet })).toEqual({
      sent: 2,
      retried: 0,
      failed: 0,
    });
    expect(texts).toEqual([{ to: "13800138000", text: "【华信达】您的验证码是 042917，10 分钟内有效。请勿告诉他人。" }]);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ to: "wang@example.cn", subject: expect.stringContaining("Your verification code is 042917") });
    for (const id of [sms, mail]) expect(await rowOf(id)).toMatchObject({ status: "sent", params: { minutes: 10, entityType: "verify" } });
    for (const id of [sms, mail]) expect((await rowOf(id)).params).not.toHaveProperty("code");

    const failing = await code("13900139000", "sms");
    const down: SmsTransport = { name: "down", send: () => Promise.reject(new Error("gateway down")) };
    expect(await processOutbox(db, { transport: logTransport(quiet), smsTransport: down, maxAttempts: 1, log: quiet })).toEqual({
      sent: 0,
      retried: 0,
      failed: 1,
    });
    expect(await rowOf(failing)).toMatchObject({ status: "failed", lastError: "gateway down" });
    expect((await rowOf(failing)).params).not.toHaveProperty("code");
  });
});
