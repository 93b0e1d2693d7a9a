import type { ReactNode } from "react";
import { useChangeLanguage, useTranslation } from "@cs/i18n/react";
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration, useRouteError, useRouteLoaderData } from "react-router";
import { buttonClass, CenteredPage } from "@cs/ui";
import type { RootData } from "./root-data.server";
import { hasKey } from "@cs/domain/shared/keys";

export function useRootData() {
  return useRouteLoaderData("root") as RootData | undefined;
}

/** The html document shared by both apps. */
export function Document({ children, title }: { children: ReactNode; title: string }) {
  const data = useRootData();
  const locale = data?.locale ?? "zh-CN";
  useChangeLanguage(locale);
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <link rel="icon" href="data:," />
        <title>{title}</title>
        <Meta />
        <Links />
      </head>
      <body className="antialiased text-slate-900">
        {children}
        <ScrollRestoration nonce={data?.nonce} />
        <Scripts nonce={data?.nonce} />
      </body>
    </html>
  );
}

/** 404 and 500 pages in the user's language; never a stack trace. */
export function ErrorPage() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key =
    isRouteErrorResponse(error) && error.data && typeof error.data === "object" && hasKey(error.data, "messageKey")
      ? String(error.data.messageKey)
      : status === 404
        ? "errors.notFound"
        : "errors.server";
  const title = status === 404 ? t("errors.notFoundTitle") : status === 403 ? t("errors.forbidden") : t("errors.serverTitle");
  return (
    <CenteredPage>
      <p className="text-sm font-semibold text-blue-800">{status}</p>
      <h1 className="mt-1 text-xl font-semibold text-slate-900">{title}</h1>
      <p className="mt-2 text-slate-700">{t(key)}</p>
      <a href="/" className={buttonClass("primary", "mt-6")}>
        {t("errors.goHome")}
      </a>
    </CenteredPage>
  );
}

export function CsrfInput() {
  const data = useRootData();
  return <input type="hidden" name="_csrf" value={data?.csrfToken ?? ""} />;
}

/** What every mutating form posts besides its fields: the CSRF token, the retry key, and the intent when the page has several forms. */
export function FormKeys({ formKey, intent }: { formKey: string; intent?: string }) {
  return (
    <>
      <CsrfInput />
      <input type="hidden" name="_key" value={formKey} />
      {intent ? <input type="hidden" name="intent" value={intent} /> : null}
    </>
  );
}

/** The root `Layout` of an app: the document titled with the app's name in the reader's language. */
export function AppDocument({ app, children }: { app: "portal" | "backoffice"; children: ReactNode }) {
  const { t } = useTranslation();
  return <Document title={t(`app.${app}`)}>{children}</Document>;
}

/** The root route's page: whatever child route matched. */
export function RootOutlet() {
  return <Outlet />;
}
