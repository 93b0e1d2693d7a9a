import { eq } from "drizzle-orm";
import { redirect, type RouterContextProvider } from "react-router";
import { z } from "zod";
import { users } from "@cs/db";
import { passwordField, recordAudit, ValidationError, type Actor, parseInput } from "@cs/domain";
import { localeCookie } from "@cs/i18n/server";
import { requestContext } from "./context";
import { appDb } from "./db.server";
import { hashPassword, verifyPassword } from "./password";
import { createSession, revokeOtherSessions, revokeSession, sessionCookie, type Audience } from "./session.server";
import { signIn } from "./sign-in.server";
import { safeRedirect } from "./safe-redirect";

/** Signs in and redirects with the new session cookie; SignInError propagates to the form. */
export async function completeSignIn(request: Request, context: Readonly<RouterContextProvider>, audience: Audience) {
  const db = appDb(audience);
  const { ip } = context.get(requestContext);
  const form = await request.clone().formData();
  const { userId, locale } = await signIn(db, audience, request, ip);
  const token = await createSession(db, userId, { ip, userAgent: request.headers.get("User-Agent") });
  const headers = new Headers({ "Set-Cookie": await sessionCookie(audience).serialize(token) });
  // The language the user chose before follows them to every device they sign in on.
  if (locale) headers.append("Set-Cookie", await localeCookie.serialize(locale));
  return redirect(safeRedirect(form.get("redirectTo")), { headers });
}

export async function signOut(context: Readonly<RouterContextProvider>, audience: Audience) {
  const { sessionToken } = context.get(requestContext);
  if (sessionToken) await revokeSession(appDb(audience), sessionToken);
  return redirect("/login", {
    headers: { "Set-Cookie": await sessionCookie(audience).serialize("", { maxAge: 0 }) },
  });
}

export const passwordChangeInput = z
  .object({
    current: z.string({ error: "validation.required" }).min(1, { error: "validation.required" }).max(128),
    next: passwordField,
    confirm: z.string({ error: "validation.required" }),
  })
  .superRefine((v, ctx) => {
    if (v.next !== v.confirm) ctx.addIssue({ code: "custom", path: ["confirm"], message: "validation.passwordMismatch" });
    if (v.next === v.current) ctx.addIssue({ code: "custom", path: ["next"], message: "validation.passwordSame" });
  });

/** Verifies the current password, stores the new hash and ends every other session of the user. */
export async function changePassword(context: Readonly<RouterContextProvider>, actor: Actor, raw: unknown) {
  const input = parseInput(passwordChangeInput, raw);
  const { sessionToken, audience } = context.get(requestContext);
  const db = appDb(audience);
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.current)))
    throw new ValidationError({ current: ["validation.passwordWrong"] });
  const passwordHash = await hashPassword(input.next);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: new Date() }).where(eq(users.id, actor.userId));
    await recordAudit(tx, actor, { action: "password.change", entity: "user", entityId: actor.userId });
  });
  if (sessionToken) await revokeOtherSessions(db, actor.userId, sessionToken);
}
