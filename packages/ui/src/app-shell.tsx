import type { ReactNode } from "react";
import { NavLink } from "react-router";
import { cn } from "./cn";

export type NavItem = { to: string; label: string; end?: boolean };

export function AppShell({
  brand,
  nav,
  userArea,
  skipLabel,
  navLabel,
  children,
}: {
  brand: ReactNode;
  nav: NavItem[];
  userArea: ReactNode;
  skipLabel: string;
  navLabel: string;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {skipLabel}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2">
          <div className="text-base font-semibold text-blue-800">{brand}</div>
          <nav aria-label={navLabel} className="flex flex-1 flex-wrap gap-1">
            {nav.map((item) => (
              <NavLink
                key={item.to}
                to={item.to}
                end={item.end}
                className={({ isActive }) =>
                  cn("rounded-md px-2.5 py-1.5 text-sm font-medium", isActive ? "bg-blue-50 text-blue-800" : "text-slate-700 hover:bg-slate-100")
                }
              >
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="flex items-center gap-3 text-sm">{userArea}</div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        {children}
      </main>
    </div>
  );
}

/** Centered card for sign-in, registration and error pages. */
export function CenteredPage({ children, top }: { children: ReactNode; top?: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col bg-slate-50">
      <div className="flex justify-end p-3">{top}</div>
      <main id="main" className="flex flex-1 items-start justify-center px-4 pt-8">
        <div className="w-full max-w-md rounded-lg bg-white p-6 shadow-sm ring-1 ring-slate-200">{children}</div>
      </main>
    </div>
  );
}

/** A strip of tabs that are plain links (works before JavaScript loads); the current one is marked. */
export function TabNav({ label, tabs }: { label: string; tabs: NavItem[] }) {
  return (
    <nav aria-label={label} className="mb-4 flex flex-wrap gap-1 border-b border-slate-200">
      {tabs.map((tab) => (
        <NavLink
          key={tab.to}
          to={tab.to}
          end={tab.end}
          className={({ isActive }) =>
            cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              isActive ? "border-blue-700 text-blue-800" : "border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900",
            )
          }
        >
          {tab.label}
        </NavLink>
      ))}
    </nav>
  );
}
