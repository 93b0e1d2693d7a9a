import { z } from "zod";
import { isValidCreditCode, normalizeCreditCode } from "./credit-code";
import { normalizeLandline, normalizeMobile, normalizePhone } from "./phone";

/** Empty form fields arrive as "" or undefined; both mean "not given". */
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

export const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, { error: "validation.tooLong" }).optional());

export const requiredText = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" }),
  );

export const creditCodeField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform(normalizeCreditCode)
    .refine(isValidCreditCode, { error: "validation.creditCode" })
    .optional(),
);

export const mobileField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(20, { error: "validation.mobile" })
    .transform((v, ctx) => normalizeMobile(v) ?? (ctx.addIssue({ code: "custom", message: "validation.mobile" }), z.NEVER))
    .optional(),
);

export const landlineField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(30, { error: "validation.landline" })
    .transform((v, ctx) => normalizeLandline(v) ?? (ctx.addIssue({ code: "custom", message: "validation.landline" }), z.NEVER))
    .optional(),
);

export const phoneField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .max(30, { error: "validation.phone" })
    .transform((v, ctx) => normalizePhone(v) ?? (ctx.addIssue({ code: "custom", message: "validation.phone" }), z.NEVER))
    .optional(),
);

export const emailField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .max(254, { error: "validation.tooLong" })
    .pipe(z.email({ error: "validation.email" }))
    .transform((v) => v.toLowerCase())
    .optional(),
);

export const uuidField = z.uuid({ error: "validation.invalid" });

export const dateField = z.preprocess(
  blankToUndefined,
  z.iso.date({ error: "validation.date" }).optional(),
);

/** Yuan as typed by a user ("12,345.60") to integer fen, without passing through a float. */
export const yuanToFenField = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .transform((v) => v.replace(/[,，\s¥]/g, ""))
    .refine((v) => /^\d{1,13}(\.\d{1,2})?$/.test(v), { error: "validation.money" })
    .transform((v) => {
      const [whole, frac = ""] = v.split(".");
      return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, "0"));
    })
    .optional(),
);

/** Plain decimal digits, as a person types a number into a form. */
const decimalText = /^[+-]?\d{1,16}(\.\d{1,16})?$/;

/**
 * Numbers from form text, strictly: `z.coerce.number` reads `1e3` as 1000, `0x10` as 16 and
 * `Infinity` as a number; here they stay text, which the wrapped number schema refuses with its own
 * message. A blank field is 0, as coercion made it before.
 */
export function strictNumber<S extends z.ZodType>(schema: S) {
  return z.preprocess((v) => {
    if (typeof v !== "string") return v;
    const text = v.trim();
    if (text === "") return 0;
    return decimalText.test(text) ? Number(text) : v;
  }, schema);
}
