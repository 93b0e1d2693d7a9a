import type { ReactNode } from "react";
import { Link } from "react-router";

/** An icon link in the header with a count badge (the bell's unread notices, the cart's lines). */
export function HeaderIconLink({ to, label, count, children }: { to: string; label: string; count: number; children: ReactNode }) {
  return (
    <Link to={to} aria-label={label} title={label} className="relative rounded-md p-1.5 text-slate-700 hover:bg-slate-100">
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-5 w-5" fill="none" stroke="currentColor" strokeWidth="1.8">
        {children}
      </svg>
      {count > 0 ? (
        <span aria-hidden="true" className="absolute -right-1 -top-1 min-w-[1.1rem] rounded-full bg-red-600 px-1 text-center text-[0.7rem] font-semibold leading-[1.1rem] text-white">
          {count > 99 ? "99+" : count}
        </span>
      ) : null}
    </Link>
  );
}
