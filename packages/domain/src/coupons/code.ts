import { randomInt } from "node:crypto";

/**
 * Coupon codes are read aloud and typed from a phone: no 0/O, 1/I/L, 2/Z, 5/S or 8/B pairs, upper
 * case only, shown in groups of four (`HXD-7KQM-R4TW`). What the partner types is normalised
 * (case, spaces and dashes) before it is looked up.
 */
export const CODE_ALPHABET = "34679ACDEFGHJKMNPQRTUVWXY";
const GROUPS = 2;
const GROUP = 4;
export const CODE_PREFIX = "HXD";

export function generateCouponCode(): string {
  const groups = Array.from({ length: GROUPS }, () => Array.from({ length: GROUP }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join(""));
  return [CODE_PREFIX, ...groups].join("-");
}

/** What a partner typed, as stored: upper case, groups joined by single dashes; null when it cannot be a code. */
export function normalizeCouponCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]+/g, "");
  if (compact.length !== CODE_PREFIX.length + GROUPS * GROUP || !compact.startsWith(CODE_PREFIX)) return null;
  const body = compact.slice(CODE_PREFIX.length);
  if (![...body].every((c) => CODE_ALPHABET.includes(c))) return null;
  return [CODE_PREFIX, ...Array.from({ length: GROUPS }, (_, i) => body.slice(i * GROUP, (i + 1) * GROUP))].join("-");
}
