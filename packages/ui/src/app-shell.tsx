import { useEffect, useRef, type ReactNode } from "react";
import { NavLink, useLocation } from "react-router";
import { cn } from "./cn";

/** A menu entry; `group` names the job it belongs to (the phone menu lists entries under it). */
export type NavItem = { to: string; label: string; end?: boolean; group?: string };

const linkClass = ({ isActive }: { isActive: boolean }) =>
  cn("rounded-md px-2.5 py-1.5 text-sm font-medium", isActive ? "bg-blue-50 text-blue-800" : "text-slate-700 hover:bg-slate-100");

/** Entries by group, in the order the groups first appear. */
function grouped(nav: NavItem[]) {
  const groups = new Map<string, NavItem[]>();
  for (const item of nav) {
    const key = item.group ?? "";
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups];
}

/**
 * The phone's menu: one "Menu" row that opens the entries grouped by job. A <details> so it works
 * before JavaScript loads; it closes itself after each navigation.
 */
function PhoneMenu({ nav, navLabel, menuLabel, search }: { nav: NavItem[]; navLabel: string; menuLabel: string; search?: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="group basis-full sm:hidden">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-200 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />
        </svg>
        {menuLabel}
      </summary>
      {search ? <div className="mt-2">{search}</div> : null}
      <nav aria-label={navLabel} className="mt-2 space-y-3 pb-2">
        {grouped(nav).map(([group, items]) => (
          <div key={group || "_"}>
            {group ? <p className="px-2.5 text-xs font-semibold text-slate-500">{group}</p> : null}
            <div className="mt-1 grid grid-cols-2 gap-1">
              {items.map((item) => (
                <NavLink key={item.to} to={item.to} end={item.end} className={linkClass}>
                  {item.label}
                </NavLink>
              ))}
            </div>
          </div>
        ))}
      </nav>
    </details>
  );
}

export function AppShell({
  brand,
  nav,
  userArea,
  skipLabel,
  navLabel,
  menuLabel,
  search,
  children,
}: {
  brand: ReactNode;
  nav: NavItem[];
  userArea: ReactNode;
  skipLabel: string;
  navLabel: string;
  /** The phone menu's button. */
  menuLabel: string;
  /** A search box: in the header on a desktop, atop the menu on a phone. */
  search?: ReactNode;
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
          <nav aria-label={navLabel} className="hidden flex-1 flex-wrap gap-1 sm:flex">
            {nav.map((item) => (
              <NavLink key={item.to} to={item.to} end={item.end} className={linkClass}>
                {item.label}
              </NavLink>
            ))}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm sm:ml-0">
            {search ? <div className="hidden sm:block">{search}</div> : null}
            {userArea}
          </div>
          <PhoneMenu nav={nav} navLabel={navLabel} menuLabel={menuLabel} search={search} />
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
