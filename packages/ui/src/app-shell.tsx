import { useEffect, useRef, type ReactNode } from "react";
import { Link, NavLink, useLocation } from "react-router";
import { cn } from "./cn";
import { ariaCurrentFor, navState, type NavItem, type NavSection } from "./nav";

const linkClass = (active: boolean) =>
  cn("whitespace-nowrap rounded-md px-2.5 py-1.5 text-sm font-medium lg:px-2 xl:px-2.5", active ? "bg-blue-50 text-blue-800" : "text-slate-700 hover:bg-slate-100");

/** A link of the navigation, marked (and announced) as current by the shared rule in `navState`. */
function NavEntry({ to, label, active, pathname, className }: { to: string; label: string; active: boolean; pathname: string; className: string }) {
  return (
    <Link to={to} aria-current={ariaCurrentFor(to, pathname, active)} className={className}>
      {label}
    </Link>
  );
}

/**
 * The phone's menu: one "Menu" row that opens the entries grouped by job. A <details> so it works
 * before JavaScript loads; it closes itself after each navigation.
 */
function PhoneMenu({ sections, active, navLabel, menuLabel, search }: {
  sections: NavSection[];
  active: NavItem | undefined;
  navLabel: string;
  menuLabel: string;
  search?: ReactNode;
}) {
  const ref = useRef<HTMLDetailsElement>(null);
  const { pathname } = useLocation();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  return (
    <details ref={ref} className="group basis-full lg:hidden">
      <summary className="flex cursor-pointer list-none items-center gap-2 rounded-md px-2 py-2 text-sm font-medium text-slate-800 ring-1 ring-slate-200 [&::-webkit-details-marker]:hidden">
        <svg aria-hidden="true" viewBox="0 0 20 20" className="h-4 w-4 fill-current">
          <path d="M3 5h14v2H3zm0 4h14v2H3zm0 4h14v2H3z" />
        </svg>
        {menuLabel}
      </summary>
      {search ? <div className="mt-2">{search}</div> : null}
      <nav aria-label={navLabel} className="mt-2 space-y-3 pb-2">
        {sections.map((section) => (
          <div key={section.key}>
            {section.isGroup ? <p className="px-2.5 text-xs font-semibold text-slate-500">{section.label}</p> : null}
            <div className="mt-1 grid grid-cols-2 gap-1">
              {section.items.map((item) => (
                <NavEntry key={item.to} to={item.to} label={item.label} active={item === active} pathname={pathname} className={linkClass(item === active)} />
              ))}
            </div>
          </div>
        ))}
      </nav>
    </details>
  );
}

/**
 * Navigation that fits one row on a desktop: the header lists the groups (each a link to its first entry),
 * and a bar under it lists the current group's entries, with the search box at its end. On a phone and a
 * tablet the groups fold into a menu that also holds the search box.
 */
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
  /** The header's navigation; the bar under it is named after the current group. */
  navLabel: string;
  /** The phone menu's button. */
  menuLabel: string;
  /** A search box: at the end of the bar under the header on a desktop, atop the menu on a phone. */
  search?: ReactNode;
  children: ReactNode;
}) {
  const { pathname } = useLocation();
  const { sections, current, activeItem, subNav } = navState(nav, pathname);
  return (
    <div className="min-h-screen bg-slate-50">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2">
        {skipLabel}
      </a>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-2 lg:flex-nowrap lg:gap-x-3 xl:gap-x-6">
          <div className="shrink-0 whitespace-nowrap text-base font-semibold text-blue-800">{brand}</div>
          {/* flex-wrap: should a long name or language ever crowd the row, the groups wrap rather than overlap */}
          <nav aria-label={navLabel} className="hidden min-w-0 flex-1 flex-wrap gap-0.5 lg:flex">
            {sections.map((section) => (
              <NavEntry key={section.key} to={section.to} label={section.label} active={section.active} pathname={pathname} className={linkClass(section.active)} />
            ))}
          </nav>
          <div className="ml-auto flex shrink-0 items-center gap-3 text-sm lg:ml-0">{userArea}</div>
          <PhoneMenu sections={sections} active={activeItem} navLabel={navLabel} menuLabel={menuLabel} search={search} />
        </div>
        {(current && subNav.length > 0) || search ? (
          <div className="hidden border-t border-slate-100 lg:block">
            <div className="mx-auto flex max-w-7xl items-center gap-4 px-4 py-1.5">
              {current && subNav.length > 0 ? (
                <nav aria-label={current.label} className="flex min-w-0 flex-1 flex-wrap gap-1">
                  {subNav.map((item) => (
                    <NavEntry
                      key={item.to}
                      to={item.to}
                      label={item.label}
                      active={item === activeItem}
                      pathname={pathname}
                      className={cn(
                        "whitespace-nowrap rounded-md px-2.5 py-1 text-sm",
                        item === activeItem ? "bg-blue-50 font-semibold text-blue-800" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                      )}
                    />
                  ))}
                </nav>
              ) : null}
              {search ? <div className="ml-auto shrink-0">{search}</div> : null}
            </div>
          </div>
        ) : null}
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
