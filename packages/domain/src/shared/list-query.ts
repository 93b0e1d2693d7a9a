import { z } from "zod";
import { strictNumber } from "./strict-number";

export const pageSizes = [10, 20, 50, 100] as const;

/** Pagination and sorting shared by every list; each list adds its own filters and sort keys. */
export function listQuerySchema<const S extends readonly [string, ...string[]]>(sortKeys: S, defaultSort: S[number]) {
  return z.object({
    page: strictNumber(z.number().int().min(1).max(100_000).catch(1)),
    size: strictNumber(z
      .number()
      .int()
      .refine((n) => (pageSizes as readonly number[]).includes(n))
      .catch(20)),
    sort: z.enum(sortKeys).catch(defaultSort as never),
    dir: z.enum(["asc", "desc"]).catch("asc"),
    q: z
      .string()
      .trim()
      .max(100)
      .optional()
      .catch(undefined)
      .transform((v) => (v ? v : undefined)),
  });
}

export type Page<T> = { rows: T[]; total: number; page: number; size: number };

/** `%` and `_` typed by a user are literal characters, not wildcards. */
export function likePattern(q: string) {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
