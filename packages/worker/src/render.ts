import i18next, { type TFunction } from "i18next";
import { defaultLocale, i18nOptions, isLocale, resources } from "@cs/i18n";
import { noticeKeys } from "@cs/domain/notifications/keys";
import type { Sms } from "./sms-transport";
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

type Row = { toAddress: string; locale: string; template: string; params: unknown; portalUrl?: string };

/** An invitation's or a survey's token becomes its link here, so the domain never needs to know the portal's address. */
function withLink(params: Record<string, unknown>, portalUrl = "http://localhost:3000") {
  if (typeof params.surveyToken === "string") return { ...params, link: new URL(`/survey/${params.surveyToken}`, portalUrl).toString() };
  if (typeof params.token !== "string") return params;
  const link = new URL("/register", portalUrl);
  link.searchParams.set("invite", params.token);
  return { ...params, link: link.toString() };
}

function noticeText(t: (key: string | string[], params: Record<string, unknown>) => string, row: Row) {
  const params = withLink((row.params ?? {}) as Record<string, unknown>, row.portalUrl);
  const entityType = typeof params.entityType === "string" ? params.entityType : row.template.split(".")[0] ?? "";
  return t(noticeKeys(row.template, entityType), params);
}

/** An outbox row of the sms channel as a text message in the recipient's language. */
export async function renderSms(row: Row): Promise<Sms> {
  const t = await tOf(row.locale);
  return { to: row.toAddress, text: t("notify.sms.body", { text: noticeText(t, row) }) };
}

/** An outbox row as an e-mail in the recipient's language: the notice's text as subject and body. */
export async function renderMail(row: Row): Promise<Mail> {
  const t = await tOf(row.locale);
  const text = noticeText(t, row);
  return { to: row.toAddress, subject: t("notify.mail.subject", { text }), text: t("notify.mail.body", { text }) };
}
