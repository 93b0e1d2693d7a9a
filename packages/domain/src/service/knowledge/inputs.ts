import { z } from "zod";
import { knowledgeStatuses } from "@cs/db";
import { listQuerySchema } from "../../shared/list-query";
import { isUuid } from "../../shared/parse";
import { strictNumber } from "../../validation/fields";

const text = (max: number, min = 1) =>
  z
    .string({ error: "validation.required" })
    .trim()
    .min(min, { error: min > 1 ? "knowledge.validation.tooShort" : "validation.required" })
    .max(max, { error: "validation.tooLong" });

/** Checked as a whole, so a bad id is an error on the field (not on `productLineIds.3`). */
const ids = z
  .preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string(), { error: "validation.invalid" }))
  .refine((list) => list.every(isUuid), { error: "validation.invalid" })
  .transform((list) => [...new Set(list)])
  .refine((list) => list.length <= 50, { error: "knowledge.validation.tooManyProducts" });

/** SKUs typed or pasted by the desk: separated by spaces, commas or new lines (中文逗号 too). */
const skus = z
  .string()
  .optional()
  .transform((v) => [...new Set((v ?? "").split(/[\s,，;；、]+/).map((s) => s.trim().toUpperCase()).filter(Boolean))])
  .refine((list) => list.length <= 50, { error: "knowledge.validation.tooManyProducts" });

export const articleInput = z.object({
  title: text(120, 4),
  symptom: text(2000),
  cause: z.string().trim().max(2000, { error: "validation.tooLong" }).optional().default(""),
  solution: text(5000),
  /** Applicable products as SKUs; resolved to ids (unknown ones are a field error). */
  products: skus,
  productLineIds: ids,
  divisionId: z
    .union([z.uuid({ error: "validation.invalid" }), z.literal("")])
    .optional()
    .transform((v) => v || null),
});
export type ArticleInput = z.output<typeof articleInput>;

export const articleUpdateInput = articleInput.extend({ version: strictNumber(z.number().int().min(1)) });

/** Publish / archive / back to draft: the version the desk saw, so a stale click is a conflict. */
export const articleStatusInput = z.object({ version: strictNumber(z.number().int().min(1)) });

export const draftFromRequestInput = z.object({ requestId: z.uuid({ error: "validation.invalid" }) });

export const knowledgeSortKeys = ["updatedAt", "publishedAt", "number", "title"] as const;

export const knowledgeListQuery = listQuerySchema(knowledgeSortKeys, "updatedAt").extend({
  status: z.enum(knowledgeStatuses).optional().catch(undefined),
  product: z.uuid().optional().catch(undefined),
  line: z.uuid().optional().catch(undefined),
  division: z.uuid().optional().catch(undefined),
  dir: z.enum(["asc", "desc"]).catch("desc"),
});
export type KnowledgeListQuery = z.output<typeof knowledgeListQuery>;
