import { createCookie } from "react-router";
import { createI18nextMiddleware } from "remix-i18next/middleware";
import { defaultLocale, i18nOptions, resources, supportedLocales } from "./index";

/** The user's explicit choice; signed-in users also have it stored on their account. */
export const localeCookie = createCookie("lng", { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600, httpOnly: true });

export const [i18nextMiddleware, getLocale, getInstance] = createI18nextMiddleware({
  detection: {
    supportedLanguages: [...supportedLocales],
    fallbackLanguage: defaultLocale,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
  i18next: { ...i18nOptions, supportedLngs: [...supportedLocales], resources },
});
