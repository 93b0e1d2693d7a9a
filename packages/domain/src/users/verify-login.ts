import { and, asc, eq, gt, isNull, lt, ne, notExists, sql } from "drizzle-orm";
import { z } from "zod";
import { endCustomers, loginVerifications, users, type Transaction } from "@cs/db";
import { recordAudit } from "../shared/audit";
import type { Ctx } from "../shared/context";
import { ForbiddenError, ValidationError } from "../shared/errors";
import { parseInput } from "../shared/parse";
import { CODE_DIGITS, CODE_MAX_ATTEMPTS, channelOf, codeMatches, issueLoginCode, latestLoginCode, maskLogin } from "./login-code";

const codeInput = z.object({
  code: z
    .string({ error: "validation.required" })
    .trim()
    .regex(new RegExp(`^\\d{${CODE_DIGITS}}$`), { error: "verify.codeFormat" }),
});

function customerOf(ctx: Ctx) {
  if (ctx.actor.kind !== "customer") throw new ForbiddenError("login:verify");
  return ctx.actor.userId;
}

async function lockUser(tx: Transaction, userId: string) {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for("update");
  if (!user) throw new ForbiddenError("login:verify");
  return user;
}

/** What the verification page shows: where the code went, and whether there is anything left to do. */
export async function loginVerificationState(ctx: Ctx) {
  const userId = customerOf(ctx);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new ForbiddenError("login:verify");
  const [sent] = await ctx.db.select({ id: loginVerifications.id }).from(loginVerifications).where(eq(loginVerifications.userId, userId)).limit(1);
  const verified = user.loginVerifiedAt !== null;
  // accounts from before codes existed were never sent one and are not nagged
  return { verified, pending: !verified && sent !== undefined, channel: channelOf(user.login), masked: maskLogin(user.login) };
}

/** Sends a fresh code (within the send limits); nothing when the login is already verified. */
export async function resendLoginCode(ctx: Ctx): Promise<{ sent: boolean }> {
  const userId = customerOf(ctx);
  return ctx.db.transaction(async (tx) => {
    const user = await lockUser(tx, userId);
    if (user.loginVerifiedAt) return { sent: false };
    await issueLoginCode(tx, user, ctx.actor.ip ?? null);
    await recordAudit(tx, ctx.actor, { action: "login.code.send", entity: "user", entityId: userId, after: { channel: channelOf(user.login) } });
    return { sent: true };
  });
}

/**
 * Checks a code sent to the user's login. The attempt is counted in its own statement before the
 * comparison, so a wrong guess is spent even though the refusal rolls back, and concurrent guesses
 * cannot exceed the limit. The right code marks the login verified and only then links the end
 * customer the distributor already knew under that login (from a sale or a dealer's repair filing).
 * A repeat of a successful confirmation changes nothing and answers alike.
 */
export async function confirmLoginCode(ctx: Ctx, raw: unknown): Promise<{ linkedEndCustomerId: string | null }> {
  const userId = customerOf(ctx);
  const { code } = parseInput(codeInput, raw);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new ForbiddenError("login:verify");
  if (user.loginVerifiedAt) return { linkedEndCustomerId: null };
  const [live] = await ctx.db
    .update(loginVerifications)
    .set({ attempts: sql`${loginVerifications.attempts} + 1` })
    .where(
      and(
        eq(loginVerifications.userId, userId),
        eq(loginVerifications.target, user.login),
        isNull(loginVerifications.consumedAt),
        gt(loginVerifications.expiresAt, sql`now()`),
        lt(loginVerifications.attempts, CODE_MAX_ATTEMPTS),
      ),
    )
    .returning();
  if (!live) {
    // A double submit whose twin already spent the code and verified the login is a replay, not a refusal.
    const [now] = await ctx.db.select({ verifiedAt: users.loginVerifiedAt }).from(users).where(eq(users.id, userId));
    if (now?.verifiedAt) return { linkedEndCustomerId: null };
    const latest = await ctx.db.transaction((tx) => latestLoginCode(tx, userId));
    const spent = latest && latest.consumedAt === null && latest.attempts >= CODE_MAX_ATTEMPTS;
    throw new ValidationError({ code: [spent ? "verify.tooManyAttempts" : "verify.expired"] });
  }
  if (!codeMatches(live.codeHash, code)) {
    const left = CODE_MAX_ATTEMPTS - live.attempts;
    throw new ValidationError({ code: [left > 0 ? "verify.wrongCode" : "verify.tooManyAttempts"] });
  }
  return ctx.db.transaction(async (tx) => {
    const locked = await lockUser(tx, userId);
    if (locked.loginVerifiedAt) return { linkedEndCustomerId: null };
    const [spent] = await tx
      .update(loginVerifications)
      .set({ consumedAt: sql`now()` })
      .where(and(eq(loginVerifications.id, live.id), isNull(loginVerifications.consumedAt)))
      .returning({ id: loginVerifications.id });
    if (!spent) throw new ValidationError({ code: ["verify.expired"] });
    const linked = await linkKnownCustomer(tx, locked);
    await tx.update(users).set({ loginVerifiedAt: sql`now()`, endCustomerId: linked ?? locked.endCustomerId }).where(eq(users.id, userId));
    await recordAudit(tx, ctx.actor, {
      action: "login.verify",
      entity: "user",
      entityId: userId,
      after: { channel: channelOf(locked.login), linkedEndCustomerId: linked },
    });
    if (linked)
      await recordAudit(tx, ctx.actor, {
        action: "end_customer.link",
        entity: "end_customer",
        entityId: linked,
        before: { userId: null },
        after: { userId, mergedFrom: locked.endCustomerId },
      });
    return { linkedEndCustomerId: linked };
  });
}

/**
 * The oldest end customer under this login that no user holds becomes the user's; what the user
 * recorded before verifying (devices, requests on the interim record) moves over with them. Without
 * such a customer, the interim record takes the login as its contact now that it is proven.
 */
async function linkKnownCustomer(tx: Transaction, user: typeof users.$inferSelect): Promise<string | null> {
  const isMail = channelOf(user.login) === "email";
  const interim = user.endCustomerId;
  const holders = tx.select({ one: sql`1` }).from(users).where(eq(users.endCustomerId, endCustomers.id));
  const [known] = await tx
    .select({ id: endCustomers.id })
    .from(endCustomers)
    .where(
      and(
        isMail ? eq(endCustomers.email, user.login) : eq(endCustomers.mobile, user.login),
        interim ? ne(endCustomers.id, interim) : undefined,
        notExists(holders),
      ),
    )
    .orderBy(asc(endCustomers.createdAt), asc(endCustomers.id))
    .limit(1)
    .for("update");
  if (!known) {
    if (interim)
      await tx
        .update(endCustomers)
        .set(isMail ? { email: sql`coalesce(${endCustomers.email}, ${user.login})` } : { mobile: sql`coalesce(${endCustomers.mobile}, ${user.login})` })
        .where(eq(endCustomers.id, interim));
    return null;
  }
  if (interim) {
    // devices and requests leave the interim customer's rows, which row-level security refuses otherwise (drizzle/0017)
    await tx.execute(sql`select cs_adopt_end_customer(${interim}::uuid, ${known.id}::uuid)`);
    await tx.update(users).set({ endCustomerId: known.id }).where(eq(users.id, user.id));
    await tx.delete(endCustomers).where(eq(endCustomers.id, interim));
  }
  return known.id;
}
