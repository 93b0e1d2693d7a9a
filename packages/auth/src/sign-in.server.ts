import { eq } from "drizzle-orm";
import { Authenticator } from "remix-auth";
import { FormStrategy } from "remix-auth-form";
import { users, type Database } from "@cs/db";
import { normalizeLogin } from "@cs/domain";
import { dummyHash, verifyPassword } from "./password";
import type { Audience } from "./session.server";
import { clearPairFailures, recordFailure, throttledUntil } from "./throttle";

/** `messageKey` is a translation key; `retryAt` fills the throttling message. */
export class SignInError extends Error {
  constructor(
    readonly messageKey: string,
    readonly retryAt?: Date,
  ) {
    super(messageKey);
  }
}

const audienceKinds: Record<Audience, readonly string[]> = {
  portal: ["partner", "customer"],
  backoffice: ["staff"],
};

function field(form: FormData, name: string, max: number) {
  const value = form.get(name);
  if (typeof value !== "string" || value.length === 0 || value.length > max) return null;
  return value;
}

/**
 * remix-auth form strategy. Wrong login and wrong password give the same answer; the app a user
 * belongs to is only revealed after the password proved who they are.
 */
export async function signIn(db: Database, audience: Audience, request: Request, ip: string) {
  const authenticator = new Authenticator<{ userId: string; locale: string | null }>();
  authenticator.use(
    new FormStrategy(async ({ form }) => {
      const rawLogin = field(form, "login", 254);
      const password = field(form, "password", 128);
      if (!rawLogin || !password) throw new SignInError("auth.missingCredentials");
      const login = normalizeLogin(rawLogin) ?? rawLogin.trim().toLowerCase();
      const until = await throttledUntil(db, login, ip);
      if (until) throw new SignInError("auth.throttled", until);
      const [user] = await db.select().from(users).where(eq(users.login, login));
      const ok = user ? await verifyPassword(user.passwordHash, password) : (await verifyPassword(await dummyHash(), password), false);
      if (!user || !ok || user.status !== "active") {
        await recordFailure(db, login, ip, user?.id);
        throw new SignInError("auth.invalidCredentials");
      }
      await clearPairFailures(db, login, ip);
      if (!audienceKinds[audience].includes(user.kind))
        throw new SignInError(audience === "portal" ? "auth.staffAtPortal" : "auth.partnerAtBackoffice");
      return { userId: user.id, locale: user.locale };
    }),
    "form",
  );
  return authenticator.authenticate("form", request);
}
