import { useContext } from "react";
import type { i18n as I18n } from "i18next";
import { getI18n, I18nContext, useTranslation as useReactI18nextTranslation } from "react-i18next";

type Translation = ReturnType<typeof useReactI18nextTranslation<"translation">>;

const serverTranslations = new WeakMap<I18n, Translation>();

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
    const t = i18n.getFixedT(i18n.language, "translation");
    translation = Object.assign([t, i18n, true], { t, i18n, ready: true }) as unknown as Translation;
    serverTranslations.set(i18n, translation);
  }
  return translation;
}

/** The `translation` namespace's `t`: react-i18next's hook in the browser, a per-instance one on the server. */
export const useTranslation: () => Translation = typeof document === "undefined" ? useServerTranslation : () => useReactI18nextTranslation("translation");
