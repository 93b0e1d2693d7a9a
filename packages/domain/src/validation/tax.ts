import { z } from "zod";
import { blankToUndefined } from "./fields";

/** The VAT rates a product may carry, in basis points: 13% goods, 9%, 6% services, 0 (docs/decisions/034). */
export const VAT_RATES_BP = [1300, 900, 600, 0] as const;
export type VatRateBp = (typeof VAT_RATES_BP)[number];

export const isVatRateBp = (v: number): v is VatRateBp => (VAT_RATES_BP as readonly number[]).includes(v);

/** Percent as the form shows it ("13", "9", "6", "0") to basis points; absent means the standard 13%. */
export const taxRateField = z.preprocess(
  (v) => (blankToUndefined(v) === undefined ? "13" : v),
  z
    .string({ error: "invoicing.errors.taxRate" })
    .trim()
    .regex(/^\d{1,2}$/, { error: "invoicing.errors.taxRate" })
    .transform((v) => Number(v) * 100)
    .refine(isVatRateBp, { error: "invoicing.errors.taxRate" }),
);

/**
 * The 税收分类编码 (tax classification code for goods and services): 19 digits, the first its chapter
 * (1 goods, 2 labour, 3 services, 4 intangibles, 5 real estate, 6 not taxable). Blank: not classified.
 */
export const TAX_CODE = /^[1-6]\d{18}$/;
export const taxCodeField = z.preprocess(
  (v) => (typeof v === "string" ? v.replace(/\s/g, "") : v),
  z.preprocess(blankToUndefined, z.string().regex(TAX_CODE, { error: "invoicing.errors.taxCode" }).optional()),
);
