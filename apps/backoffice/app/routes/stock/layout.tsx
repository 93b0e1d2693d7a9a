import { useTranslation } from "react-i18next";
import { NavLink, Outlet } from "react-router";
import { authorize } from "@cs/domain";
import { cn } from "@cs/ui";
import { domainCtx, loaderError } from "@cs/web/server";
import type { Route } from "./+types/layout";

/** Every stock page needs stock:read; without it the whole section does not exist (404). */
export function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  try {
    authorize(ctx.actor, "stock:read");
  } catch (error) {
    loaderError(error);
  }
  return null;
}

const tabs = [
  { to: "/stock", key: "products", end: true },
  { to: "/stock/locations", key: "locations" },
  { to: "/stock/moves", key: "moves" },
  { to: "/stock/low", key: "low" },
  { to: "/stock/partners", key: "partners" },
  { to: "/stock/documents", key: "documents" },
  { to: "/stock/serials", key: "serials" },
] as const;

export default function StockLayout() {
  const { t } = useTranslation();
  return (
    <>
      <nav aria-label={t("stock.tabs.label")} className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
        {tabs.map((tab) => (
          <NavLink
            key={tab.key}
            to={tab.to}
            end={"end" in tab ? tab.end : false}
            className={({ isActive }) =>
              cn(
                "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
                isActive ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
              )
            }
          >
            {t(`stock.tabs.${tab.key}`)}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </>
  );
}
