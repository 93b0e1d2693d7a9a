/** Mainland mobile: 11 digits starting 13–19; an optional +86 / 86 prefix and spaces or dashes are accepted. */
export function normalizeMobile(input: string): string | null {
  const digits = input.replace(/[\s-]/g, "").replace(/^(\+?86)(?=1\d{10}$)/, "");
  return /^1[3-9]\d{9}$/.test(digits) ? digits : null;
}

/**
 * Mainland landline: area code 010/02x (3 digits) or 0xxx (4 digits), a 7–8 digit number and an
 * optional extension, written as `010-62345678` or `0755-8765432-123`.
 */
export function normalizeLandline(input: string): string | null {
  const m = /^\(?(0(?:10|2\d|[3-9]\d{2}))\)?[\s-]?([2-9]\d{6,7})(?:[\s-]?(?:ext\.?|转|-)\s?(\d{1,6}))?$/i.exec(
    input.trim(),
  );
  if (!m) return null;
  const [, area, number, ext] = m;
  return `${area}-${number}${ext ? `-${ext}` : ""}`;
}

/** Either kind of number, normalised; null when it is neither. */
export function normalizePhone(input: string): string | null {
  return normalizeMobile(input) ?? normalizeLandline(input);
}
