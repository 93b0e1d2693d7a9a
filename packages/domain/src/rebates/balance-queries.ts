import { and, asc, count, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { orders, organizations, payments, rebateBalances, rebateLedger, rebateStatements, type RebateLedgerKind } from "@cs/db";
import type { Actor } from "../access/actor";
import { tenantScope } from "../access/scopes";
import type { Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { likePattern, listQuerySchema, type Page } from "../shared/list-query";
import { isUuid } from "../shared/parse";

/** Whose rebate balance this actor may see: staff with rebate:read by branch, a partner admin its own. */
export function rebateAccountScope(actor: Actor): SQL {
  return tenantScope(actor, { organizationId: organizations.id, ownerBranchId: organizations.ownerBranchId }, { staff: "rebate:read", partner: "own_rebate:read" });
}

export const rebateBalanceQuery = listQuerySchema(["balance", "name", "updated"] as const, "balance").extend({ dir: z.enum(["asc", "desc"]).catch("desc") });

export type RebateBalanceRow = { organizationId: string; code: string; name: string; kind: string; balanceFen: bigint; creditedFen: bigint; updatedAt: Date };

/** Partners that have a rebate balance (any credit ever), largest balance first by default. */
export async function listRebateBalances(ctx: Ctx, raw: unknown): Promise<Page<RebateBalanceRow>> {
  const query = rebateBalanceQuery.parse(raw ?? {});
  const where = and(
    rebateAccountScope(ctx.actor),
    query.q ? or(ilike(organizations.name, likePattern(query.q)), ilike(organizations.code, likePattern(query.q))) : undefined,
  );
  const dir = query.dir === "desc" ? desc : asc;
  const order = { balance: rebateBalances.balanceFen, name: organizations.name, updated: rebateBalances.updatedAt }[query.sort];
  const credited = sql<string>`(select coalesce(sum(l.amount_fen), 0)::text from rebate_ledger l
                                 where l.organization_id = ${rebateBalances.organizationId} and l.kind = 'statement_credit')`;
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({ organizationId: organizations.id, code: organizations.code, name: organizations.name, kind: organizations.kind, balanceFen: rebateBalances.balanceFen, creditedFen: credited, updatedAt: rebateBalances.updatedAt })
      .from(rebateBalances)
      .innerJoin(organizations, eq(organizations.id, rebateBalances.organizationId))
      .where(where)
      .orderBy(dir(order), asc(organizations.code))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(rebateBalances).innerJoin(organizations, eq(organizations.id, rebateBalances.organizationId)).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, creditedFen: BigInt(r.creditedFen) })), total: total?.n ?? 0, page: query.page, size: query.size };
}

export const rebateLedgerQuery = listQuerySchema(["created"] as const, "created").extend({ dir: z.enum(["asc", "desc"]).catch("desc") });

export type RebateLedgerRow = {
  id: string;
  kind: RebateLedgerKind;
  amountFen: bigint;
  balanceAfterFen: bigint;
  createdAt: Date;
  note: string | null;
  statementId: string | null;
  statementNumber: string | null;
  orderId: string | null;
  orderNumber: string | null;
  paymentNumber: string | null;
};

export type RebateAccount = {
  organization: { id: string; code: string; name: string };
  balanceFen: bigint;
  ledger: Page<RebateLedgerRow>;
};

/**
 * One partner's balance and its ledger, newest first. Staff see partners of their branches; a
 * partner admin only its own (any other id is not found).
 */
export async function rebateAccount(ctx: Ctx, organizationId: string, raw: unknown): Promise<RebateAccount> {
  if (!isUuid(organizationId)) throw new NotFoundError("organization");
  const query = rebateLedgerQuery.parse(raw ?? {});
  const [org] = await ctx.db
    .select({ id: organizations.id, code: organizations.code, name: organizations.name, balanceFen: rebateBalances.balanceFen })
    .from(organizations)
    .leftJoin(rebateBalances, eq(rebateBalances.organizationId, organizations.id))
    .where(and(eq(organizations.id, organizationId), rebateAccountScope(ctx.actor)));
  if (!org) throw new NotFoundError("organization");
  const where = eq(rebateLedger.organizationId, org.id);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: rebateLedger.id,
        kind: rebateLedger.kind,
        amountFen: rebateLedger.amountFen,
        balanceAfterFen: rebateLedger.balanceAfterFen,
        createdAt: rebateLedger.createdAt,
        note: rebateLedger.note,
        statementId: rebateLedger.statementId,
        statementNumber: rebateStatements.number,
        orderId: rebateLedger.orderId,
        orderNumber: orders.number,
        paymentNumber: payments.number,
      })
      .from(rebateLedger)
      .leftJoin(rebateStatements, eq(rebateStatements.id, rebateLedger.statementId))
      .leftJoin(orders, eq(orders.id, rebateLedger.orderId))
      .leftJoin(payments, eq(payments.id, rebateLedger.paymentId))
      .where(where)
      .orderBy(query.dir === "asc" ? asc(rebateLedger.id) : desc(rebateLedger.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db.select({ n: count() }).from(rebateLedger).where(where),
  ]);
  return {
    organization: { id: org.id, code: org.code, name: org.name },
    balanceFen: org.balanceFen ?? 0n,
    ledger: { rows: rows.map((r) => ({ ...r, id: String(r.id) })), total: total?.n ?? 0, page: query.page, size: query.size },
  };
}

/** The signed-in partner's own balance and ledger (the portal). */
export function ownRebateAccount(ctx: Ctx, raw: unknown) {
  return rebateAccount(ctx, ctx.actor.organizationId ?? "", raw);
}

/** What the buyer may apply at checkout: its balance, or null when it may not use rebates. */
export async function usableRebateBalance(ctx: Ctx): Promise<bigint | null> {
  const orgId = ctx.actor.organizationId;
  if (ctx.actor.kind !== "partner" || !orgId || !ctx.actor.permissions.has("own_rebate:use")) return null;
  const [row] = await ctx.db.select({ balanceFen: rebateBalances.balanceFen }).from(rebateBalances).where(eq(rebateBalances.organizationId, orgId));
  return row?.balanceFen ?? 0n;
}
