import { asc, count, eq, isNull, ne, sql } from "drizzle-orm";
import { activities, organizations, relationshipTasks } from "@cs/db";
import type { Ctx } from "../shared/context";
import { shanghaiDayEnd, shanghaiToday } from "../shared/dates";
import { mayWorkRelationships, scopedTo } from "./access";
import { openTasksOf } from "./tasks";

/** An account with no contact for this many days shows on its owner's day. */
export const DORMANT_DAYS = 30;

const lastContact = sql<Date | string | null>`(select max(${activities.occurredAt}) from ${activities} where ${activities.organizationId} = ${organizations.id})`;

function dormantWhere(ctx: Ctx, now: Date) {
  const since = new Date(now.getTime() - DORMANT_DAYS * 86_400_000);
  return scopedTo(
    ctx.actor,
    eq(organizations.accountOwnerId, ctx.actor.userId),
    eq(organizations.status, "active"),
    ne(organizations.kind, "branch"),
    sql`not exists (select 1 from ${activities} where ${activities.organizationId} = ${organizations.id} and ${activities.occurredAt} >= ${since.toISOString()}::timestamptz)`,
  );
}

function dueConditions(now: Date) {
  const end = shanghaiDayEnd(shanghaiToday(now));
  return {
    overdue: sql`${relationshipTasks.dueAt} < ${now.toISOString()}::timestamptz`,
    today: sql`${relationshipTasks.dueAt} >= ${now.toISOString()}::timestamptz and ${relationshipTasks.dueAt} < ${end}`,
  };
}

/**
 * "My day" (我的今日) of a staff user: open tasks due later today, open tasks already overdue, and the
 * accounts the user owns with no contact in 30 days, all inside the user's scope. Null for anyone
 * who does not work accounts.
 */
export async function myDay(ctx: Ctx, options: { now?: Date; limit?: number } = {}) {
  if (!mayWorkRelationships(ctx.actor)) return null;
  const now = options.now ?? new Date();
  const limit = options.limit ?? 100;
  const due = dueConditions(now);
  const [today, overdue, dormant] = await Promise.all([
    openTasksOf(ctx, ctx.actor.userId, due.today, limit),
    openTasksOf(ctx, ctx.actor.userId, due.overdue, limit),
    ctx.db
      .select({ id: organizations.id, code: organizations.code, name: organizations.name, lastContactAt: lastContact })
      .from(organizations)
      .where(dormantWhere(ctx, now))
      .orderBy(sql`${lastContact} asc nulls first`, asc(organizations.name))
      .limit(limit),
  ]);
  return { today, overdue, dormant };
}
export type MyDay = NonNullable<Awaited<ReturnType<typeof myDay>>>;

/** The counts of my day and its most urgent tasks, for the staff home. */
export async function myDaySummary(ctx: Ctx, now = new Date()) {
  if (!mayWorkRelationships(ctx.actor)) return null;
  const due = dueConditions(now);
  const counted = (condition: ReturnType<typeof sql>) =>
    ctx.db
      .select({ n: count() })
      .from(relationshipTasks)
      .innerJoin(organizations, eq(organizations.id, relationshipTasks.organizationId))
      .where(scopedTo(ctx.actor, eq(relationshipTasks.assigneeId, ctx.actor.userId), isNull(relationshipTasks.doneAt), condition))
      .then((r) => r[0]?.n ?? 0);
  const [today, overdue, dormant, next] = await Promise.all([
    counted(due.today),
    counted(due.overdue),
    ctx.db
      .select({ n: count() })
      .from(organizations)
      .where(dormantWhere(ctx, now))
      .then((r) => r[0]?.n ?? 0),
    openTasksOf(ctx, ctx.actor.userId, sql`${relationshipTasks.dueAt} < ${shanghaiDayEnd(shanghaiToday(now))}`, 5),
  ]);
  return { today, overdue, dormant, next };
}
export type MyDaySummary = NonNullable<Awaited<ReturnType<typeof myDaySummary>>>;
