import { ilike, like, or, type SQL } from "drizzle-orm";
import { products } from "@cs/db";
import { likePattern } from "../shared/list-query";

/**
 * The catalogue's text match: a substring of the SKU or of the Chinese or English name, with the
 * user's % and _ taken literally. Every column has a pg_trgm GIN index, so from three characters on
 * PostgreSQL can answer with a BitmapOr of three index scans; one or two characters hold no
 * trigram and the (10k-row) table is scanned instead. Case only matters for letters: a query
 * without any (Chinese, digits) uses LIKE, which matches the same rows as ILIKE without folding
 * every name to lower case, several times cheaper on a scan and on the index's recheck.
 */
export function catalogSearch(q: string): SQL {
  const text = normalizeSearch(q);
  const pattern = likePattern(text);
  const match = hasCase(text) ? ilike : like;
  return or(match(products.sku, pattern), match(products.nameZh, pattern), match(products.nameEn, pattern))!;
}

const hasCase = (text: string) => text.toLowerCase() !== text.toUpperCase();

/** Full-width letters, digits and spaces (Ｔ１４, an IME's "ｔ１４") become their ASCII forms. */
export function normalizeSearch(q: string): string {
  return q.normalize("NFKC").replace(/\s+/g, " ").trim();
}
