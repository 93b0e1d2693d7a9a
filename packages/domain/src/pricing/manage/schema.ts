import { z } from "zod";
import { dateField, optionalText, requiredText, uuidField, yuanToFenField } from "../../validation";
import { checkboxField, requiredYuanToFen, strictNumber } from "../../validation/fields";

/** Partner kinds that buy from price lists (repair stations buy parts at list price). */
export const pricedKinds = ["master_distributor", "agent", "dealer", "key_account"] as const;

const blank = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);
const code = requiredText(30).pipe(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: "pricing.errors.code" }).transform((v) => v.toUpperCase()));
const requiredDate = z.preprocess((v) => (v === undefined || v === null ? "" : v), dateField.refine((v) => v !== undefined, { error: "validation.required" })).transform((v) => v!);
const requiredPrice = requiredYuanToFen;
const checkbox = checkboxField;
export const minQuantityField = z.preprocess(
  (v) => (blank(v) === undefined ? 1 : v),
  strictNumber(z.number({ error: "validation.integer" }).int({ error: "validation.integer" }).min(1, { error: "validation.range" }).max(99_999, { error: "validation.range" })),
);

/** validTo (or endsOn) may not come before the start. */
function datesOrdered<T extends Record<string, unknown>>(from: keyof T & string, to: keyof T & string) {
  return (v: T, ctx: z.RefinementCtx) => {
    const a = v[from] as string | undefined;
    const b = v[to] as string | undefined;
    if (a && b && b < a) ctx.addIssue({ code: "custom", path: [to], message: "pricing.errors.dateOrder" });
  };
}

export const priceListInput = z
  .object({
    code,
    nameZh: requiredText(60),
    nameEn: requiredText(60),
    partnerKind: z.enum(pricedKinds, { error: "validation.required" }),
    validFrom: requiredDate,
    validTo: dateField,
    active: checkbox,
  })
  .superRefine(datesOrdered("validFrom", "validTo"));
export type PriceListInput = z.output<typeof priceListInput>;

/**
 * A product's breaks on one list: the base row (from 1) and optional volume breaks, each from a
 * different quantity; blank rows of the form are dropped before this runs.
 */
export const priceListItemInput = z
  .object({
    sku: requiredText(60),
    breaks: z
      .array(z.object({ minQuantity: minQuantityField, price: requiredPrice }))
      .min(1, { error: "pricing.errors.breakBase" })
      .max(10, { error: "validation.range" }),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<number>();
    v.breaks.forEach((b, i) => {
      if (seen.has(b.minQuantity)) ctx.addIssue({ code: "custom", path: ["breaks", i, "minQuantity"], message: "pricing.errors.breaksUnique" });
      seen.add(b.minQuantity);
    });
    if (!seen.has(1)) ctx.addIssue({ code: "custom", path: ["breaks"], message: "pricing.errors.breakBase" });
    const sorted = [...v.breaks].sort((a, b) => a.minQuantity - b.minQuantity);
    sorted.forEach((b, i) => {
      if (i > 0 && b.price > sorted[i - 1]!.price) ctx.addIssue({ code: "custom", path: ["breaks", v.breaks.indexOf(b), "price"], message: "pricing.errors.breaksDescending" });
    });
  });

export const contractPriceInput = z
  .object({
    organizationCode: requiredText(30),
    sku: requiredText(60),
    minQuantity: minQuantityField,
    price: requiredPrice,
    contractNo: optionalText(40),
    validFrom: requiredDate,
    validTo: dateField,
  })
  .superRefine(datesOrdered("validFrom", "validTo"));
export type ContractPriceInput = z.output<typeof contractPriceInput>;

/** Percent as typed ("5", "12.5") to basis points, 0.01 %–99.99 % = 1–9999 bp, without floats. */
const discountField = z.preprocess(
  blank,
  z
    .string()
    .trim()
    .refine((v) => /^\d{1,2}(\.\d{1,2})?$/.test(v), { error: "pricing.errors.discount" })
    .transform((v) => {
      const [whole, frac = ""] = v.split(".");
      return Number(whole) * 100 + Number(frac.padEnd(2, "0"));
    })
    .refine((bp) => bp >= 1 && bp <= 9999, { error: "pricing.errors.discount" })
    .optional(),
);

export const promotionInput = z
  .object({
    code,
    nameZh: requiredText(60),
    nameEn: requiredText(60),
    target: z.enum(["product", "line"], { error: "validation.required" }),
    sku: optionalText(60),
    productLineId: z.preprocess(blank, uuidField.optional()),
    partnerKind: z.preprocess(blank, z.enum(pricedKinds, { error: "validation.invalid" }).optional()),
    kind: z.enum(["discount", "price"], { error: "validation.required" }),
    discountPercent: discountField,
    promoPrice: yuanToFenField,
    minQuantity: minQuantityField,
    startsOn: requiredDate,
    endsOn: requiredDate,
    active: checkbox,
  })
  .superRefine((v, ctx) => {
    if (v.target === "product" && !v.sku) ctx.addIssue({ code: "custom", path: ["sku"], message: "validation.required" });
    if (v.target === "line" && !v.productLineId) ctx.addIssue({ code: "custom", path: ["productLineId"], message: "validation.required" });
    if (v.kind === "discount" && v.discountPercent === undefined) ctx.addIssue({ code: "custom", path: ["discountPercent"], message: "validation.required" });
    if (v.kind === "price" && v.promoPrice === undefined) ctx.addIssue({ code: "custom", path: ["promoPrice"], message: "validation.required" });
  })
  .superRefine(datesOrdered("startsOn", "endsOn"));
export type PromotionInput = z.output<typeof promotionInput>;

export const priceCheckInput = z.object({
  organizationCode: requiredText(30),
  sku: requiredText(60),
  quantity: strictNumber(z.number({ error: "catalog.errors.quantityInvalid" }).int({ error: "catalog.errors.quantityWhole" }).min(1, { error: "catalog.errors.quantityPositive" }).max(99_999, { error: "catalog.errors.quantityTooLarge" })),
  on: dateField,
});
export type PricedKind = (typeof pricedKinds)[number];
