import { en } from "./locales/en";
import { zhCN } from "./locales/zh-CN";

export const supportedLocales = ["zh-CN", "en"] as const;
export type Locale = (typeof supportedLocales)[number];
export const defaultLocale: Locale = "zh-CN";

export const resources = {
  "zh-CN": { translation: zhCN },
  en: { translation: en },
} as const;

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

export const i18nOptions = {
  supportedLngs: [...supportedLocales],
  fallbackLng: defaultLocale,
  defaultNS: "translation",
  interpolation: { escapeValue: false },
  showSupportNotice: false,
} as const;

/**
 * A record's name in the reader's language (`zh` true for 简体中文), falling back to the other
 * language when the record has none in this one: every bilingual name on screen goes through here.
 */
export function localName(zh: boolean, nameZh: string, nameEn: string | null | undefined): string;
export function localName(zh: boolean, nameZh: string | null | undefined, nameEn: string): string;
export function localName(zh: boolean, nameZh: string | null | undefined, nameEn: string | null | undefined): string | null;
export function localName(zh: boolean, nameZh: string | null | undefined, nameEn: string | null | undefined): string | null {
  const first = zh ? nameZh : nameEn;
  const other = zh ? nameEn : nameZh;
  return first || other || (first ?? other ?? null);
}
