import { ilike, or, type SQL } from "drizzle-orm";
import { products } from "@cs/db";
import { likePattern } from "../shared/list-query";

/**
 * The catalogue's text match: a substring of the SKU or of the Chinese or English name, case-
 * insensitive, with the user's % and _ taken literally. Every column has a pg_trgm GIN index, so
 * from three characters on PostgreSQL answers with a BitmapOr of three index scans; one or two
 * characters hold no trigram, and the planner scans the (10k-row) table instead, which measures
 * a few milliseconds (docs/decisions, bench catalog_search).
 */
export function catalogSearch(q: string): SQL {
  const pattern = likePattern(normalizeSearch(q));
  return or(
    ilike(products.sku, pattern),
    ilike(products.nameZh, pattern),
    ilike(products.nameEn, pattern),
  )!;
}

/** Full-width letters, digits and spaces (Ｔ１４, an IME's "ｔ１４") become their ASCII forms. */
export function normalizeSearch(q: string): string {
  return q.normalize("NFKC").replace(/\s+/g, " ").trim();
}
