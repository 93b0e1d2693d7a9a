import { sql } from "drizzle-orm";
import type { Database } from "@cs/db";
import type { Principal } from "./principals";

/**
 * Where the id parameters of a route come from, and who owns such a row. `from` names the table
 * (alias `t`), `select` the parameters (default: the route's only parameter is `t.id`).
 * Ownership, for the matrix's owned / foreign ids:
 * - `org`: columns naming the partner organization(s) a row belongs to: owned when one of them is
 *   the partner's own organization, foreign when none is in its sub-tree or above it.
 * - `customer`: the end-customer column: owned by that customer, foreign to every other one.
 * - `branch`: the owning branch: a branch-limited staff user owns rows of its branches only.
 * - `visible` / `hidden` (portal): conditions for rows any partner may / no partner may see,
 *   for rows without an owner (published and draft knowledge articles); `:org` is the partner's
 *   organization.
 * A source with no owner at all (price lists, programs) has no foreign row: owned for everyone.
 */
export type IdSource = {
  from: string;
  select?: Record<string, string>;
  org?: string[];
  customer?: string;
  branch?: string;
  visible?: string;
  hidden?: string;
  /**
   * Columns through which a partner also reaches the row (the buyer of an order it may supply): a
   * foreign row must lie outside the partner's tree through these too, or it is not foreign at all.
   */
  alsoOwnedBy?: string[];
  /** Not a table: fixed values (an enum in the path); `unknown` is always "no-such-value". */
  values?: string[];
};

export type IdVariant = "owned" | "foreign" | "unknown";

/** A well-formed id that names nothing. */
export const unknownId = "00000000-0000-4000-8000-00000000a0a0";

const subtree = (orgId: string) => `(
  with recursive down(id) as (select '${orgId}'::uuid union select o.id from organizations o join down on o.parent_id = down.id),
  up(id) as (select '${orgId}'::uuid union select o.parent_id from organizations o join up on o.id = up.id where o.parent_id is not null)
  select id from down union select id from up)`;

function conditions(source: IdSource, who: Principal, variant: "owned" | "foreign"): string | null {
  const own = ownership(source, who, variant);
  if (own === null) return null;
  if (variant === "foreign" && own === source.hidden) return own;
  return `(${source.visible ?? "true"}) and (${own})`;
}

function ownership(source: IdSource, who: Principal, variant: "owned" | "foreign"): string | null {
  if (who.kind === "partner" || who.kind === "customer") {
    if (source.customer && who.kind === "customer" && who.endCustomerId)
      return `${source.customer} ${variant === "owned" ? "=" : "<>"} '${who.endCustomerId}'`;
    if (source.org?.length) {
      if (who.kind === "customer") return variant === "owned" ? null : "true";
      const others = subtree(who.orgId!);
      return variant === "owned"
        ? `(${source.org.map((c) => `${c} = '${who.orgId}'`).join(" or ")})`
        : `(${[...source.org, ...(source.alsoOwnedBy ?? [])].map((c) => `(${c} is null or ${c} not in ${others})`).join(" and ")})`;
    }
    if (source.customer) return variant === "owned" ? null : "true";
    return variant === "owned" ? "true" : (source.hidden ?? null);
  }
  if (who.kind === "staff" && who.branchIds && source.branch) {
    const list = who.branchIds.map((b) => `'${b}'`).join(",") || "null";
    // Limited to divisions: other branches' rows stay foreign; its own branches' are checked by the division tests.
    if (who.divisionLimited && variant === "owned") return null;
    return variant === "owned" ? `${source.branch} in (${list})` : `${source.branch} not in (${list})`;
  }
  // All-branch staff, anonymous, and sources without owner: anything is "owned", nothing foreign.
  return variant === "owned" ? "true" : null;
}

/** The parameters naming a row of `source` that `who` owns (or must not reach), or null when none exists. */
export async function idFor(db: Database, source: IdSource, params: string[], who: Principal, variant: IdVariant) {
  if (variant === "unknown") return Object.fromEntries(params.map((p) => [p, source.values ? "no-such-value" : unknownId]));
  if (source.values) return variant === "owned" ? Object.fromEntries(params.map((p) => [p, source.values![0]!])) : null;
  const where = conditions(source, who, variant)?.replaceAll(":org", `'${who.orgId ?? unknownId}'`);
  if (!where) return null;
  const select = source.select ?? { [params[0]!]: "t.id" };
  const columns = Object.entries(select).map(([param, expr]) => `${expr}::text as "${param}"`).join(", ");
  const rows = await db.execute<Record<string, string>>(sql.raw(`select ${columns} from ${source.from} where ${where} order by 1 limit 1`));
  return rows[0] ?? null;
}
