import { useTranslation } from "@cs/i18n/react";
import { Outlet } from "react-router";
import { appMiddleware } from "@cs/auth/server";
import { i18nextMiddleware } from "@cs/i18n/server";
import { Document, ErrorPage } from "@cs/web";
import { rootData, guarded } from "@cs/web/server";
import type { Route } from "./+types/root";
import "./app.css";

// i18n first, so even a request refused by the app middleware gets a translated error page.
export const middleware: Route.MiddlewareFunction[] = [i18nextMiddleware, appMiddleware("backoffice")];

export const loader = guarded(function loader({ context }: Route.LoaderArgs) {
  return rootData(context);
});

export function Layout({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation();
  return <Document title={t("app.backoffice")}>{children}</Document>;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
