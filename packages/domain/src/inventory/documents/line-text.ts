/**
 * "SKU qty [@unit cost] [serial serial …]" per line, as pasted from a spreadsheet or typed:
 * separators may be spaces, tabs or commas. A token starting with "@" is a receipt line's purchase
 * cost per unit in yuan ("@1234.50", no thousands separators). Returns raw rows for the domain
 * schema to validate (line-numbered errors).
 */
export function parseLineText(text: string) {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 501)
    .map((l) => {
      const [sku = "", qty = "", ...rest] = l.split(/[\s,，\t]+/);
      const cost = rest.find((t) => t.startsWith("@"));
      const serials = rest.filter((t) => !t.startsWith("@"));
      return cost === undefined ? { sku, quantity: qty, serials } : { sku, quantity: qty, serials, unitCost: cost.slice(1) };
    });
}
