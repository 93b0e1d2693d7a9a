import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { HydratedRouter } from "react-router/dom";
import { i18nOptions, resources } from "@cs/i18n";

/** Both locales are small enough to ship whole; the page's `lang` picks the one to start with. */
export async function hydrate() {
  await i18next.use(initReactI18next).init({
    ...i18nOptions,
    supportedLngs: [...i18nOptions.supportedLngs],
    resources,
    lng: document.documentElement.lang || i18nOptions.fallbackLng,
  });
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <HydratedRouter />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}
