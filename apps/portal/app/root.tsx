import { appMiddleware } from "@cs/auth/server";
import { i18nextMiddleware } from "@cs/i18n/server";
import { AppDocument, ErrorPage, RootOutlet } from "@cs/web";
import { guarded, rootLoader } from "@cs/web/server";
import type { Route } from "./+types/root";
import "./app.css";

// i18n first, so even a request refused by the app middleware gets a translated error page.
export const middleware: Route.MiddlewareFunction[] = [i18nextMiddleware, appMiddleware("portal")];

export const loader = guarded(rootLoader);

export function Layout({ children }: { children: React.ReactNode }) {
  return <AppDocument app="portal">{children}</AppDocument>;
}

export default RootOutlet;

export const ErrorBoundary = ErrorPage;
