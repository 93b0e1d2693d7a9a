import i18next, { type TFunction } from "i18next";
import { defaultLocale, i18nOptions, isLocale, resources } from "@cs/i18n";
import { noticeKeys } from "@cs/domain/notifications/keys";
import type { Mail } from "./transport";

let ready: Promise<TFunction> | undefined;
const tOf = (locale: string) => {
  ready ??= (async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ ...i18nOptions, resources, lng: defaultLocale });
    return i18n.t;
  })();
  return ready.then((t) => (key: string | string[], params: Record<string, unknown>) => t(key, { ...params, lng: isLocale(locale) ? locale : defaultLocale }));
};

/** An outbox row as an e-mail in the recipient's language: the notice's text as subject and body. */
export async function renderMail(row: { toAddress: string; locale: string; template: string; params: unknown }): Promise<Mail> {
  const t = await tOf(row.locale);
  const params = (row.params ?? {}) as Record<string, unknown>;
  const entityType = typeof params.entityType === "string" ? params.entityType : row.template.split(".")[0] ?? "";
  const text = t(noticeKeys(row.template, entityType), params);
  return { to: row.toAddress, subject: t("notify.mail.subject", { text }), text: t("notify.mail.body", { text }) };
}
