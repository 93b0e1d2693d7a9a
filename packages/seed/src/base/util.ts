import type { PgInsertValue, PgTable } from "drizzle-orm/pg-core";
import type { DatabaseOrTransaction } from "@cs/db/client";
import { GIVEN_NAMES, MOBILE_PREFIXES, SURNAMES, type City } from "./data";
import type { Random } from "./random";

/** At most this many rows per INSERT (and well under PostgreSQL's 65,535 bind parameters). */
export const CHUNK = 1000;

export async function insertChunked<T extends PgTable>(
  db: DatabaseOrTransaction,
  table: T,
  rows: PgInsertValue<T>[],
  options: { ignoreConflicts?: boolean; size?: number } = {},
): Promise<void> {
  const size = options.size ?? CHUNK;
  for (let i = 0; i < rows.length; i += size) {
    const insert = db.insert(table).values(rows.slice(i, i + size));
    await (options.ignoreConflicts ? insert.onConflictDoNothing() : insert);
  }
}

export const pad = (n: number, width: number) => String(n).padStart(width, "0");

export function personName(rand: Random): string {
  return rand.pick(SURNAMES) + rand.pick(GIVEN_NAMES);
}

/** A mainland mobile number (1[3-9]x + 8 digits) not in `taken`; adds it to `taken`. */
export function uniqueMobile(rand: Random, taken: Set<string>): string {
  for (;;) {
    const m = rand.pick(MOBILE_PREFIXES) + rand.digits(8);
    if (!taken.has(m)) {
      taken.add(m);
      return m;
    }
  }
}

/** A landline in the city's area code: `0571-87654321`. */
export function landline(rand: Random, city: City): string {
  return `${city.areaCode}-${rand.digits(8, "2345678")}`;
}

export function birthday(rand: Random, fromYear = 1965, toYear = 2000): string {
  return `${rand.int(fromYear, toYear)}-${pad(rand.int(1, 12), 2)}-${pad(rand.int(1, 28), 2)}`;
}

/** Full address text: 浙江省杭州市西湖区文化路88号科技大厦12层. */
export function fullAddress(city: City, district: string, line: string): string {
  return `${city.province}${city.city === city.province ? "" : city.city}${district}${line}`;
}

/** Integer yuan → bigint fen. */
export const yuan = (amount: number): bigint => BigInt(Math.round(amount)) * 100n;
