import { redirect, type RouterContextProvider } from "react-router";
import { requestContext, safeRedirect } from "@cs/auth/server";
import { setUserLocale } from "@cs/domain";
import { isLocale } from "@cs/i18n";
import { localeCookie } from "@cs/i18n/server";
import { actorCtx } from "./ctx.server";

/** Stores the choice in a cookie, and on the account when someone is signed in. */
export async function changeLocale(request: Request, context: Readonly<RouterContextProvider>) {
  const form = await request.formData();
  const locale = form.get("locale");
  const back = safeRedirect(form.get("redirectTo"));
  if (!isLocale(locale)) return redirect(back);
  const { actor } = context.get(requestContext);
  if (actor) await setUserLocale(actorCtx(context, actor), locale);
  return redirect(back, { headers: { "Set-Cookie": await localeCookie.serialize(locale) } });
}
