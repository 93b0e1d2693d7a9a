export const TIME_ZONE = "Asia/Shanghai";

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Integer fen to `¥1,234.56` without a float: the decimal string goes to Intl as is. */
export function formatMoney(fen: bigint | string | number, locale: string, currency = "CNY") {
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const decimal = `${negative ? "-" : ""}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`;
  const key = `${locale}|${currency}`;
  let nf = moneyFormats.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" });
    moneyFormats.set(key, nf);
  }
  // Intl accepts exact decimal strings; the cast is for older lib typings.
  return nf.format(decimal as unknown as number);
}

/** Intl formatters are costly to build and cheap to use: one per locale and kind, kept. */
function cached<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let f = cache.get(key);
  if (!f) {
    f = make();
    cache.set(key, f);
  }
  return f;
}
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

const percentFormats = new Map<string, Intl.NumberFormat>();

/** Basis points as a percentage (300 → "3.0%"), with `digits` decimals (1 unless told). */
export function formatPercentBp(bp: number, locale: string, digits = 1) {
  return cached(percentFormats, `${locale}|${digits}`, () => new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: digits, maximumFractionDigits: digits })).format(bp / 10000);
}

export function formatNumber(value: number | bigint, locale: string) {
  return cached(numberFormats, locale, () => new Intl.NumberFormat(locale)).format(value);
}

export function formatDateTime(value: Date | string, locale: string) {
  return cached(dateFormats, `${locale}|datetime`, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: TIME_ZONE })).format(
    new Date(value),
  );
}

/** Calendar dates (`2026-01-31`) have no time zone; format them as UTC so the day never shifts. */
export function formatDate(value: Date | string, locale: string) {
  const date = typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
  const timeZone = typeof value === "string" && value.length === 10 ? "UTC" : TIME_ZONE;
  return cached(dateFormats, `${locale}|date|${timeZone}`, () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone })).format(date);
}
