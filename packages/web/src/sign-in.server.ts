import { data, redirect, type RouterContextProvider } from "react-router";
import { completeSignIn, requestContext, SignInError, type Audience } from "@cs/auth/server";

export type SignInResult = { messageKey: string; retryAt?: string; login?: string };

export function signInLoader(context: Readonly<RouterContextProvider>) {
  if (context.get(requestContext).actor) throw redirect("/");
  return null;
}

export async function signInAction(request: Request, context: Readonly<RouterContextProvider>, audience: Audience) {
  const form = await request.clone().formData();
  try {
    return await completeSignIn(request, context, audience);
  } catch (error) {
    if (!(error instanceof SignInError)) throw error;
    const login = form.get("login");
    return data<SignInResult>(
      {
        messageKey: error.messageKey,
        retryAt: error.retryAt?.toISOString(),
        login: typeof login === "string" ? login.slice(0, 254) : undefined,
      },
      { status: error.messageKey === "auth.throttled" ? 429 : 400 },
    );
  }
}
