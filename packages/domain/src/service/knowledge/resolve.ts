import { inArray } from "drizzle-orm";
import { divisions, productLines, products, type DatabaseOrTransaction } from "@cs/db";
import { ValidationError } from "../../shared/errors";
import type { ArticleInput } from "./inputs";

/**
 * SKUs → product ids, and a check that every product line and the division exist. Unknown ones are
 * field errors naming what was not found, so the desk can fix a typo; nothing is written.
 */
export async function resolveApplicability(db: DatabaseOrTransaction, input: ArticleInput) {
  const [found, lines, division] = await Promise.all([
    input.products.length
      ? db.select({ id: products.id, sku: products.sku }).from(products).where(inArray(products.sku, input.products))
      : Promise.resolve([]),
    input.productLineIds.length
      ? db.select({ id: productLines.id }).from(productLines).where(inArray(productLines.id, input.productLineIds))
      : Promise.resolve([]),
    input.divisionId ? db.select({ id: divisions.id }).from(divisions).where(inArray(divisions.id, [input.divisionId])) : Promise.resolve([]),
  ]);
  const errors: Record<string, string[]> = {};
  const known = new Set(found.map((p) => p.sku));
  const unknown = input.products.filter((s) => !known.has(s));
  if (unknown.length) errors.products = ["knowledge.validation.unknownSkus"];
  if (lines.length !== input.productLineIds.length) errors.productLineIds = ["validation.invalid"];
  if (input.divisionId && division.length === 0) errors.divisionId = ["validation.invalid"];
  if (Object.keys(errors).length) throw new ValidationError(errors);
  const bySku = new Map(found.map((p) => [p.sku, p.id]));
  return {
    productIds: input.products.map((s) => bySku.get(s)!),
    productLineIds: input.productLineIds,
    divisionId: input.divisionId,
  };
}
