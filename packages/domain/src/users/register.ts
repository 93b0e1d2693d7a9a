import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { endCustomers, userRoles, users, type Database } from "@cs/db";
import { buildActor } from "../access/actor";
import { recordAudit } from "../shared/audit";
import { ValidationError } from "../shared/errors";
import { redeemInvitation } from "./invitations";
import { issueLoginCode } from "./login-code";
import { parseInput } from "../shared/parse";
import { normalizeMobile } from "../validation";
import { requiredText } from "../validation/fields";

export const passwordField = z
  .string({ error: "validation.required" })
  .min(8, { error: "validation.passwordShort" })
  .max(128, { error: "validation.tooLong" })
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), { error: "validation.passwordWeak" });

/** A login is an e-mail or a mainland mobile; both are stored in one normal form. */
export function normalizeLogin(raw: string): string | null {
  const value = raw.trim();
  if (value.includes("@")) return z.email().safeParse(value).success ? value.toLowerCase() : null;
  return normalizeMobile(value);
}

/** The privacy notice a registration consents to; a new wording gets a new version. */
export const PRIVACY_NOTICE_VERSION = "2026-12";

export const registrationInput = z
  .object({
    name: requiredText(50),
    login: requiredText(254),
    password: passwordField,
    confirm: z.string({ error: "validation.required" }),
    /** The token of a dealer's invitation link, when the customer came through one. */
    invite: z.string().max(100).optional(),
    /** The privacy-notice checkbox: registering without consent is refused (PIPL). */
    consent: z.literal("on", { error: "auth.consentRequired" }),
  })
  .superRefine((v, ctx) => {
    if (!normalizeLogin(v.login)) ctx.addIssue({ code: "custom", path: ["login"], message: "validation.login" });
    if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "validation.passwordMismatch" });
  });

/**
 * Self-registration of an end customer; returns the new user id. The account starts on a record of
 * its own without the login as contact, and a code goes to the login: only its right entry
 * (`confirmLoginCode`) links a customer the distributor already knew under that login, so typing
 * someone's mobile number opens nothing of theirs. Every registration gets the same code step, so the
 * answer does not tell whether the number is a known customer. An invitation link a dealer sent to the
 * number proves it instead: that registration is linked and verified at once.
 */
export async function registerCustomer(
  db: Database,
  raw: unknown,
  options: { hashPassword: (plain: string) => Promise<string>; locale: string; ip?: string | null },
) {
  const input = parseInput(registrationInput, raw);
  const login = normalizeLogin(input.login)!;
  const passwordHash = await options.hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.login, login));
    if (taken) throw new ValidationError({ login: ["validation.loginTaken"] });
    // No contact on the interim record: a dealer filing for this number must not land on an unproven account.
    const [customer] = await tx.insert(endCustomers).values({ name: input.name }).returning({ id: endCustomers.id });
    const [user] = await tx
      .insert(users)
      .values({ kind: "customer", login, displayName: input.name, passwordHash, endCustomerId: customer!.id, locale: options.locale })
      .onConflictDoNothing()
      .returning();
    // A concurrent registration of the same login lost the race to the unique index.
    if (!user) throw new ValidationError({ login: ["validation.loginTaken"] });
    await tx.insert(userRoles).values({ userId: user.id, role: "customer" });
    const actor = buildActor({ ...user, userId: user.id, roles: ["customer"], branchIds: [], divisionIds: [], ip: options.ip });
    await recordAudit(tx, actor, { action: "register", entity: "user", entityId: user.id, after: { login, name: input.name, privacyNotice: PRIVACY_NOTICE_VERSION } });
    if (!input.invite) {
      await issueLoginCode(tx, user, options.ip ?? null);
      return user.id;
    }
    const invited = await redeemInvitation(tx, input.invite, login, user.id);
    await tx.update(users).set({ endCustomerId: invited.endCustomerId, loginVerifiedAt: sql`now()` }).where(eq(users.id, user.id));
    await tx.delete(endCustomers).where(eq(endCustomers.id, customer!.id));
    await recordAudit(tx, actor, {
      action: "end_customer.link",
      entity: "end_customer",
      entityId: invited.endCustomerId,
      before: { userId: null },
      after: { userId: user.id, invitationId: invited.invitationId },
    });
    return user.id;
  });
}
