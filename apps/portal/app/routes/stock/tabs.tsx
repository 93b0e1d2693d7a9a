import { useTranslation } from "react-i18next";
import { NavLink } from "react-router";
import { cn } from "@cs/ui";

/** The four stock pages as one tab strip; plain links, so it works before JavaScript loads. */
export function StockTabs() {
  const { t } = useTranslation();
  const tabs = [
    { to: "/stock", label: t("myStock.tabs.balances"), end: true },
    { to: "/stock/moves", label: t("myStock.tabs.moves"), end: false },
    { to: "/stock/call-offs", label: t("myStock.tabs.callOffs"), end: false },
    { to: "/stock/sell-out", label: t("myStock.tabs.sellOut"), end: false },
  ];
  return (
    <nav aria-label={t("myStock.tabs.label")} className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end={tab.end}
          className={({ isActive }) =>
            cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              isActive ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:text-slate-900",
            )
          }
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
