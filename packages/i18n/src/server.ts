import { createInstance, type i18n } from "i18next";
import { createContext, createCookie, type MiddlewareFunction, type RouterContextProvider } from "react-router";
import { RemixI18Next } from "remix-i18next/server";
import { defaultLocale, i18nOptions, resources, supportedLocales, type Locale } from "./index";

/** The user's explicit choice; signed-in users also have it stored on their account. */
export const localeCookie = createCookie("lng", { path: "/", sameSite: "lax", maxAge: 365 * 24 * 3600, httpOnly: true });

const detector = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLocales],
    fallbackLanguage: defaultLocale,
    cookie: localeCookie,
    order: ["cookie", "header"],
  },
});

/**
 * One initialised i18next instance per locale for the whole process (resources are bundled, so init
 * is synchronous). Requests only read from them: nothing on the server changes their language, so
 * sharing is safe, and a request no longer pays for creating and initialising its own instance.
 */
const instances = new Map<Locale, i18n>(
  supportedLocales.map((lng) => {
    const instance = createInstance({ ...i18nOptions, supportedLngs: [...supportedLocales], resources, lng, initAsync: false });
    void instance.init();
    return [lng, instance];
  }),
);

const localeContext = createContext<Locale>();
const i18nextContext = createContext<i18n>();

/** The request's language (cookie, then Accept-Language, then the default) and its shared instance. */
export const i18nextMiddleware: MiddlewareFunction<Response> = async ({ request, context }, next) => {
  const detected = await detector.getLocale(request);
  const lng = instances.has(detected as Locale) ? (detected as Locale) : defaultLocale;
  context.set(localeContext, lng);
  context.set(i18nextContext, instances.get(lng)!);
  return next();
};

export const getLocale = (context: Readonly<RouterContextProvider>): Locale => context.get(localeContext);
export const getInstance = (context: Readonly<RouterContextProvider>): i18n => context.get(i18nextContext);
