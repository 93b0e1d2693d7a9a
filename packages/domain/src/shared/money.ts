/**
 * Money is integer fen (bigint) everywhere; yuan exist only as text, typed by a person or written
 * into a form, a file or a sentence. These are the only conversions between the two, none through a float.
 */

/** What a person types: `12,345.60`, `¥ 1 280.5`, `１２` is refused; up to 13 whole digits and 2 decimals, no sign. */
const yuanPattern = /^\d{1,13}(\.\d{1,2})?$/;

/** Yuan text to fen, or null when it is not an amount. Group separators, spaces and ¥ are ignored. */
export function parseYuan(text: string): bigint | null {
  const v = text.trim().replace(/[,，\s¥￥]/g, "");
  if (!yuanPattern.test(v)) return null;
  const [whole, frac = ""] = v.split(".");
  return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, "0"));
}

/** Fen to plain yuan text for a form field or a spreadsheet cell: `-1234.50`. */
export function fenToYuan(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  return `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
}

/** `¥1,234.56` (negative with a minus), the same in every locale: sentences, PDFs and XLSX. */
export function formatYuan(fen: bigint): string {
  const [whole, frac] = fenToYuan(fen).split(".");
  return `${whole!.startsWith("-") ? "-" : ""}¥${whole!.replace("-", "").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac}`;
}
