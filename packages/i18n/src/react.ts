import { useContext, useEffect } from "react";
import type { i18n as I18n, TFunction } from "i18next";
import { getI18n, I18nContext, useTranslation as useReactI18nextTranslation } from "react-i18next";

type Translation = ReturnType<typeof useReactI18nextTranslation<"translation">>;

const serverTranslations = new WeakMap<I18n, Translation>();

/**
 * A `t` that remembers the plain lookups (a key and nothing else), which are most of a page's calls:
 * i18next resolves each one through language-code formatting and fallback chains, about a tenth of
 * a signed-in page's server CPU before this. Safe only where the instance's language and resources
 * never change, as on the server (./server loads every resource up front).
 */
export function rememberingT(t: TFunction<"translation">): TFunction<"translation"> {
  const plain = new Map<string, unknown>();
  const call = t as unknown as (...args: unknown[]) => unknown;
  const remembering = (...args: unknown[]) => {
    const [key] = args;
    if (args.length !== 1 || typeof key !== "string") return call(...args);
    let value = plain.get(key);
    if (value === undefined) {
      value = call(key);
      plain.set(key, value);
    }
    return value;
  };
  return Object.assign(remembering, t) as unknown as TFunction<"translation">;
}

/**
 * On the server every request reads one of the process's shared i18next instances (./server), and
 * nothing there changes their language: one fixed `t` per instance serves every component of every
 * request. react-i18next's hook instead copies the instance's properties into a wrapper and builds a
 * fixed `t` for each component on each render, a measurable share of a page's CPU.
 */
function useServerTranslation(): Translation {
  const i18n = useContext(I18nContext)?.i18n ?? getI18n();
  let translation = serverTranslations.get(i18n);
  if (!translation) {
    const t = rememberingT(i18n.getFixedT(i18n.language, "translation"));
    translation = Object.assign([t, i18n, true], { t, i18n, ready: true }) as unknown as Translation;
    serverTranslations.set(i18n, translation);
  }
  return translation;
}

const onServer = typeof document === "undefined";

/** The `translation` namespace's `t`: react-i18next's hook in the browser, a per-instance one on the server. */
export const useTranslation: () => Translation = onServer ? useServerTranslation : () => useReactI18nextTranslation("translation");

/**
 * Switches the browser's i18next instance to the locale the root loader chose. The server renders
 * with an instance already in that locale, so there is nothing to do there (remix-i18next's hook
 * built a react-i18next wrapper on every render just to reach the instance).
 */
export function useChangeLanguage(locale: string): void {
  const i18n = useContext(I18nContext)?.i18n ?? getI18n();
  useEffect(() => {
    if (i18n && i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
}
