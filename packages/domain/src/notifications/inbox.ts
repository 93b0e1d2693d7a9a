import { and, count, desc, eq, isNull, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { cartItems, notifications } from "@cs/db";
import { can } from "../access/authorize";
import { buyerCart } from "../cart/buyer";
import type { Ctx } from "../shared/context";
import { parseInput } from "../shared/parse";
import { strictNumber } from "../validation/fields";

export const notificationListQuery = z.object({
  page: strictNumber(z.number().int().min(1).max(10_000).catch(1)),
  size: strictNumber(z.number().int().refine((n) => [10, 20, 50, 100].includes(n)).catch(20)),
  unread: z
    .enum(["1", "0"])
    .optional()
    .catch(undefined)
    .transform((v) => v === "1"),
});
export type NotificationListQuery = z.output<typeof notificationListQuery>;

/** The actor's own notices, newest first (served by notifications_user_id_id_idx). */
export async function listNotifications(ctx: Ctx, q: NotificationListQuery) {
  const where = and(eq(notifications.userId, ctx.actor.userId), q.unread ? isNull(notifications.readAt) : undefined);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: sql<string>`${notifications.id}::text`,
        kind: notifications.kind,
        entityType: notifications.entityType,
        entityId: notifications.entityId,
        params: notifications.params,
        readAt: notifications.readAt,
        createdAt: notifications.createdAt,
      })
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.id))
      .limit(q.size)
      .offset((q.page - 1) * q.size),
    ctx.db.select({ n: count() }).from(notifications).where(where),
  ]);
  return { rows: rows.map((r) => ({ ...r, params: (r.params ?? {}) as Record<string, string> })), total: total?.n ?? 0, page: q.page, size: q.size };
}

/**
 * The header's two counts in one statement, for both apps: unread notices (the bell, on the partial
 * index notifications_unread_idx) and, for a buyer, the cart's lines. The portal runs every statement
 * in its own tenant transaction, so one statement is one round trip (begin, settings, query, commit)
 * fewer on every page than two.
 */
export async function headerCounts(ctx: Ctx): Promise<{ unread: number; cartLines: number | null }> {
  const { actor } = ctx;
  const orgId = actor.kind === "partner" && can(actor, "own_order:place") ? actor.organizationId : null;
  const cart = orgId
    ? sql`(select count(*) from ${cartItems} where ${buyerCart({ userId: actor.userId, organizationId: orgId })})::int`
    : sql`null::int`;
  const [row] = await ctx.db
    .select({
      unread: sql<number>`(select count(*) from ${notifications} where ${notifications.userId} = ${actor.userId} and ${notifications.readAt} is null)::int`,
      cartLines: sql<number | null>`${cart}`,
    })
    .from(sql`(select 1) as one`);
  return { unread: row?.unread ?? 0, cartLines: row?.cartLines ?? null };
}

const markInput = z.object({ id: z.string().regex(/^\d{1,18}$/, "validation.invalid") });
const markAllInput = z.object({ upTo: z.string().regex(/^\d{1,18}$/, "validation.invalid").optional() });

/**
 * Marks one notice read. Only the actor's own: another user's id changes nothing (and says
 * nothing). Repeating it is harmless, so no idempotency key is needed; read marks are not audited.
 */
export async function markNotificationRead(ctx: Ctx, raw: unknown): Promise<{ updated: number }> {
  const { id } = parseInput(markInput, raw);
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(and(eq(notifications.id, BigInt(id)), eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return { updated: rows.length };
}

/**
 * Marks all of the actor's unread notices read — up to the newest one the page showed (`upTo`),
 * so a notice that arrived meanwhile stays unread.
 */
export async function markAllNotificationsRead(ctx: Ctx, raw: unknown): Promise<{ updated: number }> {
  const { upTo } = parseInput(markAllInput, raw);
  const rows = await ctx.db
    .update(notifications)
    .set({ readAt: new Date() })
    .where(
      and(eq(notifications.userId, ctx.actor.userId), isNull(notifications.readAt), upTo ? lt(notifications.id, BigInt(upTo) + 1n) : undefined),
    )
    .returning({ id: notifications.id });
  return { updated: rows.length };
}
