import type { LeadStatus } from "@cs/db";
import { addBusinessHours, type BusinessCalendar } from "../service/sla";

/** Business hours (the service calendar) a partner has to accept a lead assigned to it. */
export const LEAD_ACCEPT_HOURS = 8;
/** Landing-form submissions one client address may make per window before it is refused. */
export const LANDING_MAX_PER_WINDOW = 5;
export const LANDING_WINDOW_MINUTES = 10;

/** Statuses of a lead in the pool (no partner); the rest belong to a partner. */
export const leadPoolStatuses: readonly LeadStatus[] = ["new", "returned"];
/** Statuses that count towards a partner's open-lead load and may be unassigned by staff. */
export const leadOpenStatuses: readonly LeadStatus[] = ["assigned", "accepted", "working"];

/** The accept-by deadline of a lead assigned at `at`: LEAD_ACCEPT_HOURS of business time later. */
export function leadAcceptBy(at: Date, calendar?: BusinessCalendar): Date {
  return addBusinessHours(at, LEAD_ACCEPT_HOURS, calendar);
}

/** Whether an assigned lead may still be accepted at `now`. */
export function mayAcceptAt(acceptBy: Date | null, now: Date): boolean {
  return acceptBy !== null && now.getTime() <= acceptBy.getTime();
}

/** What a partner may do with a lead in this status. */
export function partnerMoves(status: LeadStatus) {
  switch (status) {
    case "assigned":
      return { accept: true, decline: true, progress: false, lose: false, convert: false };
    case "accepted":
    case "working":
      return { accept: false, decline: false, progress: true, lose: true, convert: true };
    case "new":
    case "returned":
    case "won":
    case "lost":
      return { accept: false, decline: false, progress: false, lose: false, convert: false };
  }
}

/** The advisory-lock names of a lead's duplicate keys, sorted so two sessions lock in one order. */
export function leadLockNames(keys: { mobile?: string | null; email?: string | null; creditCode?: string | null }): string[] {
  const names = [keys.mobile ? `lead:m:${keys.mobile}` : null, keys.email ? `lead:e:${keys.email}` : null, keys.creditCode ? `lead:c:${keys.creditCode}` : null];
  return names.filter((n): n is string => n !== null).sort();
}

/** The tier order the assignment rule prefers, best first (a partner without a tier comes last). */
export const tierRank = { strategic: 0, gold: 1, silver: 2, bronze: 3 } as const;
