/**
 * A PostgreSQL array literal bound as one parameter (drizzle would expand a JS array into a list of
 * parameters): every element quoted with `"` and `\` escaped, so any text survives — newlines,
 * commas, braces — and null is SQL NULL. Cast it in SQL (`${pgArray(xs)}::text[]`); `unnest` of
 * several such arrays inserts a batch of rows with a fixed number of parameters.
 */
export function pgArray(values: readonly (string | number | null | undefined)[]): string {
  return `{${values.map((v) => (v === null || v === undefined ? "NULL" : `"${String(v).replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}
