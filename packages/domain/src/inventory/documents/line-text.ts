/**
 * "SKU qty [serial serial …]" per line, as pasted from a spreadsheet or typed: separators may be
 * spaces, tabs or commas. Returns raw rows for the domain schema to validate (line-numbered errors).
 */
export function parseLineText(text: string) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 501)
    .map((l) => {
      const [sku = "", qty = "", ...serials] = l.split(/[\s,，\t]+/);
      return { sku, quantity: qty, serials };
    });
}
