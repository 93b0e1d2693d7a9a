import { formatMoney } from "./format";

export function Money({ fen, locale, currency }: { fen: bigint | string | number; locale: string; currency?: string }) {
  return <span className="tabular-nums">{formatMoney(fen, locale, currency)}</span>;
}
