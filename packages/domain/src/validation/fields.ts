import { strictNumber } from "../shared/strict-number";
import { shanghaiDateTime } from "../shared/dates";
import { z } from "zod";
import { isValidCreditCode, normalizeCreditCode } from "./credit-code";
import { parseYuan } from "../shared/money";
import { normalizeLandline, normalizeMobile, normalizePhone } from "./phone";

/** Empty form fields arrive as "", blanks, null or undefined; all mean "not given". */
export const blankToUndefined = (v: unknown) => (v === null || (typeof v === "string" && v.trim() === "") ? undefined : v);

/** Serials arrive as one text field (one per line, or separated by commas or spaces) or as a list. */
const serialList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,，;；]+/) : v),
  z.array(z.string().trim().max(100)).transform((a) => a.filter(Boolean)),
);

/** Quantities (and serials) picked per order line, as the shipment and return forms post them. */
export const orderLineQuantities = z
  .array(
    z.object({
      orderLineId: z.string(),
      quantity: strictNumber(z.number({ error: "validation.quantityPositive" }).int("validation.quantityPositive").min(0, "validation.quantityPositive")),
      serials: serialList.default([]),
    }),
  )
  .max(500, "validation.range");

export const optionalText = (max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, { error: "validation.tooLong" }).optional());

export const requiredText = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : v),
    z.string({ error: "validation.required" }).trim().min(1, { error: "validation.required" }).max(max, { error: "validation.tooLong" }),
  );

const creditCode = z.string().transform(normalizeCreditCode).refine(isValidCreditCode, { error: "validation.creditCode" });

export const creditCodeField = z.preprocess(blankToUndefined, creditCode.optional());

/** A unified social credit code the form must give: blank is "required", a wrong check digit "creditCode". */
export const requiredCreditCodeField = z.preprocess(
  (v) => (v === undefined || v === null ? "" : v),
  z.string().trim().min(1, "validation.required").pipe(creditCode),
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

/** A date the form must give (yyyy-mm-dd): missing or blank is "required", anything else not a date "date". */
export const requiredDateField = z.preprocess(
  (v) => (v === undefined || v === null ? "" : v),
  z.string().min(1, "validation.required").pipe(z.iso.date({ error: "validation.date" })),
);

export const dateField = z.preprocess(
  blankToUndefined,
  z.iso.date({ error: "validation.date" }).optional(),
);

/**
 * A wall-clock time in China as a `datetime-local` input sends it (`2026-12-07T14:30`), to the instant.
 * The business calendar is Asia/Shanghai whatever the browser's or server's zone (UTC+8, no DST).
 */
export const shanghaiDateTimeField = z.preprocess(
  blankToUndefined,
  z
    .string({ error: "validation.invalid" })
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: "relations.validation.dateTime" })
    .transform((v, c) => {
      const at = new Date(`${v.length === 16 ? `${v}:00` : v}+08:00`);
      // A day that does not exist (02-30) rolls over in Date: the round trip must give back what was typed.
      const valid = !Number.isNaN(at.getTime()) && shanghaiDateTime(at).slice(0, 16) === v.slice(0, 16).replace("T", " ");
      if (!valid || at.getUTCFullYear() < 2000 || at.getUTCFullYear() > 2100) {
        c.addIssue({ code: "custom", message: "relations.validation.dateTime" });
        return z.NEVER;
      }
      return at;
    })
    .optional(),
);

/** Yuan as typed ("12,345.60") to integer fen, never through a float. */
export const yuanText = z.string({ error: "validation.money" }).transform((v, c) => {
  const fen = parseYuan(v);
  if (fen !== null) return fen;
  c.addIssue({ code: "custom", message: "validation.money" });
  return z.NEVER;
});

/** An optional amount in a form: blank is "not given". */
export const yuanToFenField = z.preprocess(blankToUndefined, yuanText.optional());

/** A required amount in a form, yuan text to fen. */
export const requiredYuanToFen = z
  .preprocess((v) => (v === undefined || v === null ? "" : v), yuanToFenField.refine((v) => v !== undefined, { error: "validation.required" }))
  .transform((v) => v!);

/** An HTML checkbox: present ("on") is true, absent is false. */
export const checkboxField = z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean());

/**
 * An amount as a form types it (yuan text) or as code passes it (bigint fen). Signs are refused (a
 * negative amount is never valid money here); zero is left to the rules, which say why it is refused.
 */
export const moneyField = z.union([z.bigint(), yuanText], { error: "validation.money" });

export { strictNumber } from "../shared/strict-number";
