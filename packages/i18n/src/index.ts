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
