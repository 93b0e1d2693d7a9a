/**
 * A menu entry. `group` names the job it belongs to (the header shows one link per group, the bar under it
 * the group's entries); `match` lists path prefixes that belong to the entry beside its own `to` (pages it
 * leads to that live elsewhere, such as /cart for the catalogue). `end` matches `to` exactly, never below it.
 */
export type NavItem = { to: string; label: string; end?: boolean; group?: string; match?: string[] };

/** One entry of the header: a group (linking to its first entry) or an entry that belongs to no group. */
export type NavSection = { key: string; label: string; to: string; items: NavItem[]; active: boolean; isGroup: boolean };

export type NavState = {
  sections: NavSection[];
  /** The section the current path is in, if any. */
  current: NavSection | undefined;
  /** The entry the current path is in: the one whose matching prefix is longest. */
  activeItem: NavItem | undefined;
  /** The bar under the header: the current group's entries, when it has more than one. */
  subNav: NavItem[];
};

function trimSlash(path: string) {
  return path.length > 1 ? path.replace(/\/+$/, "") : path;
}

/** Whether `pathname` is `prefix` itself or a page below it. */
function isInside(pathname: string, prefix: string) {
  const path = trimSlash(pathname);
  const base = trimSlash(prefix);
  if (base === "/") return path === "/";
  return path === base || path.startsWith(`${base}/`);
}

/** How well `pathname` falls inside an entry: the length of its longest matching prefix, or -1. */
function matchLength(item: NavItem, pathname: string) {
  if (item.end) return trimSlash(pathname) === trimSlash(item.to) ? item.to.length : -1;
  let best = -1;
  for (const prefix of [item.to, ...(item.match ?? [])]) {
    if (isInside(pathname, prefix)) best = Math.max(best, trimSlash(prefix).length);
  }
  return best;
}

/** The entry the path belongs to; a longer (more specific) prefix wins, then the earlier entry. */
export function activeNavItem(nav: NavItem[], pathname: string): NavItem | undefined {
  let found: NavItem | undefined;
  let best = -1;
  for (const item of nav) {
    const length = matchLength(item, pathname);
    if (length > best) {
      best = length;
      found = item;
    }
  }
  return found;
}

/**
 * The header's sections, in the order their first entry appears: one per group, and one per entry
 * without a group (the home page). A group links to its first entry (the caller lists only permitted ones).
 */
export function navState(nav: NavItem[], pathname: string): NavState {
  const activeItem = activeNavItem(nav, pathname);
  const byKey = new Map<string, NavSection>();
  for (const item of nav) {
    const key = item.group === undefined ? `entry:${item.to}` : `group:${item.group}`;
    const section = byKey.get(key);
    if (section) section.items.push(item);
    else byKey.set(key, { key, label: item.group ?? item.label, to: item.to, items: [item], active: false, isGroup: item.group !== undefined });
  }
  const sections = [...byKey.values()];
  const current = activeItem ? sections.find((s) => s.items.includes(activeItem)) : undefined;
  if (current) current.active = true;
  const subNav = current && current.items.length > 1 ? current.items : [];
  return { sections, current, activeItem, subNav };
}

/**
 * `aria-current` for a link into the navigation: "page" when it points at the page shown, "true" when the
 * page shown lies inside it (a list's detail page, another page of its group), nothing otherwise.
 */
export function ariaCurrentFor(to: string, pathname: string, active: boolean): "page" | "true" | undefined {
  if (!active) return undefined;
  return trimSlash(to) === trimSlash(pathname) ? "page" : "true";
}
