import { and, asc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { endCustomers, userRoles, users, type Database } from "@cs/db";
import { buildActor } from "../access/actor";
import { recordAudit } from "../shared/audit";
import { ValidationError } from "../shared/errors";
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

export const registrationInput = z
  .object({
    name: requiredText(50),
    login: requiredText(254),
    password: passwordField,
    confirm: z.string({ error: "validation.required" }),
  })
  .superRefine((v, ctx) => {
    if (!normalizeLogin(v.login)) ctx.addIssue({ code: "custom", path: ["login"], message: "validation.login" });
    if (v.password !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "validation.passwordMismatch" });
  });

/** Self-registration of an end customer; returns the new user id. */
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
    const isMail = login.includes("@");
    // A customer the distributor already knows (from a sale or a repair) gets their record back, not a twin.
    const [known] = await tx
      .select({ id: endCustomers.id })
      .from(endCustomers)
      .leftJoin(users, eq(users.endCustomerId, endCustomers.id))
      .where(and(isMail ? eq(endCustomers.email, login) : eq(endCustomers.mobile, login), isNull(users.id)))
      .orderBy(asc(endCustomers.createdAt))
      .limit(1);
    const [customer] = known
      ? [known]
      : await tx
          .insert(endCustomers)
          .values({ name: input.name, mobile: isMail ? null : login, email: isMail ? login : null })
          .returning({ id: endCustomers.id });
    const [user] = await tx
      .insert(users)
      .values({ kind: "customer", login, displayName: input.name, passwordHash, endCustomerId: customer!.id, locale: options.locale })
      .onConflictDoNothing()
      .returning();
    // A concurrent registration of the same login lost the race to the unique index.
    if (!user) throw new ValidationError({ login: ["validation.loginTaken"] });
    await tx.insert(userRoles).values({ userId: user.id, role: "customer" });
    const actor = buildActor({ ...user, userId: user.id, roles: ["customer"], branchIds: [], divisionIds: [], ip: options.ip });
    await recordAudit(tx, actor, { action: "register", entity: "user", entityId: user.id, after: { login, name: input.name } });
    return user.id;
  });
}
