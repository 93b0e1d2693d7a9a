import type { Random } from "./random";

/**
 * Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters —
 * registration department (1) + organization type (1) + administrative region (6) +
 * organization code (9, GB 11714 with its own check character) + check character (1).
 */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;
const CREDIT_BODY = /^[0-9A-HJ-NPQRTUWXY]{17}$/;
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{18}$/;

/** The 18th character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (!CREDIT_BODY.test(first17)) {
    throw new Error(`expected 17 characters of ${CREDIT_CODE_ALPHABET}, got ${JSON.stringify(first17)}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    sum += CREDIT_CODE_ALPHABET.indexOf(first17[i] as string) * (CREDIT_WEIGHTS[i] as number);
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] as string;
}

/** Format and final check character (the embedded organization-code check is not enforced: some real codes fail it). */
export function isValidCreditCode(code: string): boolean {
  return CREDIT_CODE.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** GB 11714 check character for an 8-character organization code body (digits, A=10 … Z=35). */
export function orgCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new Error(`bad organization code body ${JSON.stringify(first8)}`);
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8.charCodeAt(i);
    const value = c <= 57 ? c - 48 : c - 55;
    sum += value * (ORG_CODE_WEIGHTS[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

/** Fallback region codes (district level) when the caller does not give one. */
const DEFAULT_REGIONS = ["110108", "310115", "440106", "510107", "330106", "320505"] as const;
/** Organization-code characters used after the "MA" prefix of post-2015 registrations. */
const MA_BODY = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/**
 * A random, valid credit code for an enterprise (`91` + region + organization code + check). Half of
 * them use the post-2015 `MA…` organization code form, half the classic 8-digit form.
 */
export function makeCreditCode(rand: Random, regionCode?: string): string {
  const region = regionCode ?? rand.pick(DEFAULT_REGIONS);
  if (!/^\d{6}$/.test(region)) throw new Error(`region code must be 6 digits, got ${region}`);
  let body: string;
  if (rand.chance(0.5)) {
    body = "MA";
    while (body.length < 8) body += rand.pick([...MA_BODY]);
  } else {
    body = rand.digits(8, "3456789");
  }
  const first17 = `91${region}${body}${orgCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}
