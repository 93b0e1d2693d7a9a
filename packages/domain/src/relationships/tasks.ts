import { asc, desc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { organizations, relationshipTasks, users } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { findOrganizationInScope } from "../organizations/get";
import { assertOwnerEligible } from "../organizations/owner";
import { scopedTo } from "./access";
import { taskDoneInput, taskInput } from "./schema";

/**
 * A task on an account in scope, for the actor or a colleague who works in the account's branch. A
 * due time (or reminder) already past is refused: a task is for what is still to be done.
 */
export async function createTask(ctx: Ctx, organizationId: string, raw: unknown, now = new Date()) {
  authorize(ctx.actor, "relationship:work");
  const input = parseInput(taskInput, raw);
  const dueAt = input.dueAt!;
  if (dueAt <= now) throw new ValidationError({ dueAt: ["relations.validation.dueInPast"] });
  if (input.remindAt && input.remindAt <= now) throw new ValidationError({ remindAt: ["relations.validation.remindInPast"] });
  return inTransaction(ctx, async (tx, tctx) => {
    const org = await findOrganizationInScope(tctx, organizationId);
    if (ctx.actor.kind !== "staff") throw new NotFoundError("organization");
    const assigneeId = input.assigneeId ?? ctx.actor.userId;
    if (assigneeId !== ctx.actor.userId) await assertOwnerEligible(tctx, assigneeId, [org.ownerBranchId], "assigneeId");
    const { result } = await once(tx, ctx.actor, keyOf(raw), { organizationId: org.id, input: { ...input, assigneeId } }, async () => {
      const [task] = await tx
        .insert(relationshipTasks)
        .values({
          organizationId: org.id,
          title: input.title,
          dueAt,
          remindAt: input.remindAt ?? null,
          assigneeId,
          createdBy: ctx.actor.userId,
        })
        .returning();
      await recordAudit(tx, ctx.actor, { action: "task.create", entity: "organization", entityId: org.id, after: task });
      return { id: task!.id };
    });
    return result;
  });
}

/** Marks a task done or open again; asking for the state it already has changes nothing. */
export async function setTaskDone(ctx: Ctx, raw: unknown, now = new Date()) {
  authorize(ctx.actor, "relationship:work");
  const input = parseInput(taskDoneInput, raw);
  return inTransaction(ctx, async (tx) => {
    const [task] = await tx
      .select({ id: relationshipTasks.id, organizationId: relationshipTasks.organizationId, doneAt: relationshipTasks.doneAt })
      .from(relationshipTasks)
      .innerJoin(organizations, eq(organizations.id, relationshipTasks.organizationId))
      .where(scopedTo(ctx.actor, eq(relationshipTasks.id, input.taskId)))
      .for("update", { of: relationshipTasks });
    if (!task) throw new NotFoundError("task");
    if ((task.doneAt !== null) === input.done) return { id: task.id, changed: false };
    await tx
      .update(relationshipTasks)
      .set(input.done ? { doneAt: now, doneBy: ctx.actor.userId } : { doneAt: null, doneBy: null })
      .where(eq(relationshipTasks.id, task.id));
    await recordAudit(tx, ctx.actor, {
      action: input.done ? "task.done" : "task.reopen",
      entity: "organization",
      entityId: task.organizationId,
      before: { taskId: task.id, doneAt: task.doneAt },
      after: { taskId: task.id, doneAt: input.done ? now : null },
    });
    return { id: task.id, changed: true };
  });
}

const taskColumns = {
  id: relationshipTasks.id,
  title: relationshipTasks.title,
  dueAt: relationshipTasks.dueAt,
  remindAt: relationshipTasks.remindAt,
  doneAt: relationshipTasks.doneAt,
  organizationId: relationshipTasks.organizationId,
  organizationName: organizations.name,
  assigneeId: relationshipTasks.assigneeId,
  assigneeName: users.displayName,
};

function taskQuery(ctx: Ctx) {
  return ctx.db
    .select(taskColumns)
    .from(relationshipTasks)
    .innerJoin(organizations, eq(organizations.id, relationshipTasks.organizationId))
    .innerJoin(users, eq(users.id, relationshipTasks.assigneeId));
}
export type TaskRow = Awaited<ReturnType<ReturnType<typeof taskQuery>["execute"]>>[number];

/** An account's open tasks by due time, then the last few done. */
export async function listOrganizationTasks(ctx: Ctx, organizationId: string, doneLimit = 10) {
  if (!isUuid(organizationId)) throw new NotFoundError("organization");
  const [open, done] = await Promise.all([
    taskQuery(ctx)
      .where(scopedTo(ctx.actor, eq(relationshipTasks.organizationId, organizationId), isNull(relationshipTasks.doneAt)))
      .orderBy(asc(relationshipTasks.dueAt), asc(relationshipTasks.id))
      .limit(100),
    taskQuery(ctx)
      .where(scopedTo(ctx.actor, eq(relationshipTasks.organizationId, organizationId), isNotNull(relationshipTasks.doneAt)))
      .orderBy(desc(relationshipTasks.doneAt), asc(relationshipTasks.id))
      .limit(doneLimit),
  ]);
  return { open, done };
}

/** Open tasks of one assignee in scope with a due-time condition (my day). */
export function openTasksOf(ctx: Ctx, assigneeId: string, due: ReturnType<typeof sql>, limit: number) {
  return taskQuery(ctx)
    .where(scopedTo(ctx.actor, eq(relationshipTasks.assigneeId, assigneeId), isNull(relationshipTasks.doneAt), due))
    .orderBy(asc(relationshipTasks.dueAt), asc(relationshipTasks.id))
    .limit(limit);
}
