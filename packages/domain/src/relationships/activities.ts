import { and, desc, eq } from "drizzle-orm";
import { activities, contacts, organizations, relationshipTasks, users } from "@cs/db";
import { authorize } from "../access/authorize";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { findOrganizationInScope } from "../organizations/get";
import { scopedTo } from "./access";
import { activityInput } from "./schema";

/** A contact may be logged a little ahead of the server's clock (a phone a minute fast), not later. */
const FUTURE_SLACK_MS = 5 * 60 * 1000;

/**
 * Logs a call, visit, e-mail, WeChat, meeting or note on an account in the actor's scope, optionally
 * with one of its contacts, and, when a follow-up time is given, the follow-up as a task for the actor.
 * One transaction, audited, once per form key.
 */
export async function logActivity(ctx: Ctx, organizationId: string, raw: unknown, now = new Date()) {
  authorize(ctx.actor, "relationship:work");
  const input = parseInput(activityInput, raw);
  const occurredAt = input.occurredAt ?? now;
  if (occurredAt.getTime() > now.getTime() + FUTURE_SLACK_MS) throw new ValidationError({ occurredAt: ["relations.validation.occurredInFuture"] });
  if (input.followUpAt && input.followUpAt <= now) throw new ValidationError({ followUpAt: ["relations.validation.dueInPast"] });
  return inTransaction(ctx, async (tx, tctx) => {
    const org = await findOrganizationInScope(tctx, organizationId);
    if (ctx.actor.kind !== "staff") throw new NotFoundError("organization");
    if (input.contactId) {
      const [contact] = await tx
        .select({ id: contacts.id })
        .from(contacts)
        .where(and(eq(contacts.id, input.contactId), eq(contacts.organizationId, org.id)));
      if (!contact) throw new ValidationError({ contactId: ["relations.validation.contactNotOfOrganization"] });
    }
    const { result } = await once(tx, ctx.actor, keyOf(raw), { organizationId: org.id, input: { ...input, occurredAt } }, async () => {
      const [activity] = await tx
        .insert(activities)
        .values({
          organizationId: org.id,
          contactId: input.contactId ?? null,
          kind: input.kind,
          occurredAt,
          staffId: ctx.actor.userId,
          summary: input.summary,
          outcome: input.outcome ?? null,
          nextStep: input.nextStep ?? null,
        })
        .returning();
      await recordAudit(tx, ctx.actor, { action: "activity.create", entity: "organization", entityId: org.id, after: activity });
      let taskId: string | null = null;
      if (input.followUpAt) {
        const [task] = await tx
          .insert(relationshipTasks)
          .values({
            organizationId: org.id,
            activityId: activity!.id,
            title: input.nextStep ?? input.summary.slice(0, 200),
            dueAt: input.followUpAt,
            assigneeId: ctx.actor.userId,
            createdBy: ctx.actor.userId,
          })
          .returning();
        await recordAudit(tx, ctx.actor, { action: "task.create", entity: "organization", entityId: org.id, after: task });
        taskId = task!.id;
      }
      return { id: activity!.id, taskId };
    });
    return result;
  });
}

/** The contact history of one account, newest first (staff in scope only). */
export async function listActivities(ctx: Ctx, organizationId: string, limit = 50) {
  if (!isUuid(organizationId)) throw new NotFoundError("organization");
  return ctx.db
    .select({
      id: activities.id,
      kind: activities.kind,
      occurredAt: activities.occurredAt,
      summary: activities.summary,
      outcome: activities.outcome,
      nextStep: activities.nextStep,
      staffName: users.displayName,
      contactName: contacts.name,
    })
    .from(activities)
    .innerJoin(organizations, eq(organizations.id, activities.organizationId))
    .innerJoin(users, eq(users.id, activities.staffId))
    .leftJoin(contacts, eq(contacts.id, activities.contactId))
    .where(scopedTo(ctx.actor, eq(activities.organizationId, organizationId)))
    .orderBy(desc(activities.occurredAt), desc(activities.createdAt))
    .limit(limit);
}
export type ActivityRow = Awaited<ReturnType<typeof listActivities>>[number];
