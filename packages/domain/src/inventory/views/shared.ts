import { and, eq, inArray, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { z } from "zod";
import { DISTRIBUTOR_OWNER, internalLocationKinds, stockLevels, stockLocations, type LocationKind } from "@cs/db";
import type { Actor } from "../../access/actor";
import { stockLocationScope } from "../../access/scopes";

/** A repeated search param (`?kind=a&kind=b`) narrowed to known values; unknown ones are dropped, not errors. */
export const multiOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()))
    .transform((list) => list.filter((x): x is T[number] => (values as readonly string[]).includes(x)));

/** An id from the URL: a tampered value is simply "no filter", never a failed uuid cast. */
export const optionalId = z.uuid().optional().catch(undefined);

/** A calendar day `2026-03-31` that really exists (PostgreSQL would reject 2026-02-30 mid-query). */
export const optionalDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((v) => {
    const d = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
  })
  .optional()
  .catch(undefined);

export const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .catch(undefined)
  .transform((v) => (v ? v : undefined));

/** Lists whose natural order is "newest first" or "worst first" start descending. */
export const descByDefault = z.enum(["asc", "desc"]).catch("desc");

const ownLocationKinds = internalLocationKinds.filter((k) => k !== "transit");

/**
 * Ids of our stock locations this actor may see, by which a move becomes visible. Supplier,
 * customer, loss and transit carry no branch, so every staff member sees them; counting them would
 * show every receipt and every transfer anywhere (documents are scoped the same way).
 */
export function visibleInternalLocationIds(actor: Actor): SQL {
  return sql`(select ${stockLocations.id} from ${stockLocations} where ${and(
    stockLocationScope(actor),
    inArray(stockLocations.kind, ownLocationKinds),
  )})`;
}

/** Level rows of the distributor's own stock (the only stock that is ever "available" to sell). */
export const ours: SQL = sql`${stockLevels.ownerId} = ${DISTRIBUTOR_OWNER}::uuid`;
export const theirs: SQL = sql`${stockLevels.ownerId} <> ${DISTRIBUTOR_OWNER}::uuid`;

/** Integer sums come back as numbers, not bigint strings; a level never holds more than int range. */
export const sumInt = (value: SQLWrapper, filter?: SQL) =>
  filter ? sql<number>`coalesce(sum(${value}) filter (where ${filter}), 0)::int` : sql<number>`coalesce(sum(${value}), 0)::int`;

export const isWarehouse = eq(stockLocations.kind, "warehouse");

export const partnerLocationKinds = ["partner_virtual", "partner_consignment"] as const satisfies readonly LocationKind[];

export const ownerOrNull = (ownerId: string) => (ownerId === DISTRIBUTOR_OWNER ? null : ownerId);
