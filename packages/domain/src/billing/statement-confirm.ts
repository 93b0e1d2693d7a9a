import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { accountStatements, statementDisputes, type Transaction } from "@cs/db";
import type { Actor } from "../access/actor";
import { authorize, can } from "../access/authorize";
import { notify } from "../notifications/notify";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError, ValidationError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { requiredText } from "../validation/fields";
import { statementOfAccount } from "./statement";
import { monthPeriod, accountStatementScope, toSnapshot } from "./statement-records";

const statementInput = z.object({ statementId: z.string() });
const disputeInput = statementInput.extend({ entryNumber: requiredText(40), reason: requiredText(500) });
const resolveInput = z.object({ disputeId: z.string(), resolution: requiredText(500) });

const alreadyConfirmed = () => new ValidationError({ form: ["billing.statements.alreadyConfirmed"] }, "billing.statements.alreadyConfirmed");

/** The statement in the actor's scope, locked for a partner's step; a confirmed one refuses every step. */
async function lockOpen(tx: Transaction, actor: Actor, statementId: string) {
  if (!isUuid(statementId)) throw new NotFoundError("statement");
  const [row] = await tx
    .select()
    .from(accountStatements)
    .where(and(eq(accountStatements.id, statementId), accountStatementScope(actor)))
    .for("update");
  if (!row) throw new NotFoundError("statement");
  if (row.status === "confirmed") throw alreadyConfirmed();
  return row;
}

/**
 * The partner confirms its monthly statement (对账确认): allowed while no dispute is open; the
 * statement as computed now is frozen into the row with who confirmed it and when, and is what every
 * later view and PDF shows. Confirming twice (a retry) confirms once.
 */
export async function confirmAccountStatement(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "own_statement:confirm");
  const input = parseInput(statementInput, raw);
  return inTransaction(ctx, async (tx, txCtx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const row = await lockOpen(tx, ctx.actor, input.statementId);
      if (row.status === "disputed") throw new ValidationError({ form: ["billing.statements.openDisputes"] }, "billing.statements.openDisputes");
      const statement = await statementOfAccount(txCtx, row.organizationId, monthPeriod(row.month));
      const confirmedAt = new Date();
      await tx
        .update(accountStatements)
        .set({ status: "confirmed", confirmedAt, confirmedBy: ctx.actor.userId, snapshot: toSnapshot(statement), closingFen: statement.closingFen })
        .where(eq(accountStatements.id, row.id));
      await recordAudit(tx, ctx.actor, {
        action: "statement.confirm",
        entity: "statement",
        entityId: row.id,
        before: { status: row.status },
        after: { status: "confirmed", month: row.month, closingFen: statement.closingFen },
      });
      return { statementId: row.id, confirmedAt: confirmedAt.toISOString() };
    });
    return result;
  });
}

/**
 * The partner disputes one line of its statement with a reason: the line must be on the statement,
 * the statement must not be confirmed; the statement waits (disputed) until finance has answered
 * every dispute, and finance hears of it.
 */
export async function disputeStatementLine(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "own_statement:confirm");
  const input = parseInput(disputeInput, raw);
  return inTransaction(ctx, async (tx, txCtx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const row = await lockOpen(tx, ctx.actor, input.statementId);
      const statement = await statementOfAccount(txCtx, row.organizationId, monthPeriod(row.month));
      if (!statement.entries.some((e) => e.number === input.entryNumber)) throw new ValidationError({ entryNumber: ["billing.statements.unknownLine"] });
      const [dispute] = await tx
        .insert(statementDisputes)
        .values({ statementId: row.id, organizationId: row.organizationId, entryNumber: input.entryNumber, reason: input.reason, raisedBy: ctx.actor.userId })
        .returning({ id: statementDisputes.id });
      if (row.status !== "disputed") await tx.update(accountStatements).set({ status: "disputed" }).where(eq(accountStatements.id, row.id));
      await recordAudit(tx, ctx.actor, {
        action: "statement.dispute",
        entity: "statement",
        entityId: row.id,
        before: { status: row.status },
        after: { status: "disputed", entryNumber: input.entryNumber, reason: input.reason },
      });
      await notify(tx, {
        audiences: [{ staffRoles: ["finance"] }],
        kind: "statement.disputed",
        entityType: "statement",
        entityId: row.id,
        params: { partner: statement.organization.name, month: row.month.slice(0, 7), number: input.entryNumber },
        exceptUserId: ctx.actor.userId,
      });
      return { disputeId: dispute!.id };
    });
    return result;
  });
}

/**
 * Finance answers a dispute (corrected by a credit note, or explained): once the last open dispute
 * is answered the statement is open again for the partner to confirm, and the partner is told.
 */
export async function resolveStatementDispute(ctx: Ctx, raw: unknown) {
  authorize(ctx.actor, "payment:record");
  const input = parseInput(resolveInput, raw);
  if (!isUuid(input.disputeId)) throw new NotFoundError("statement");
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(tx, ctx.actor, keyOf(raw), input, async () => {
      const [found] = await tx
        .select({ dispute: statementDisputes, statementId: accountStatements.id, month: accountStatements.month })
        .from(statementDisputes)
        .innerJoin(accountStatements, eq(accountStatements.id, statementDisputes.statementId))
        .where(and(eq(statementDisputes.id, input.disputeId), accountStatementScope(ctx.actor)));
      if (!found) throw new NotFoundError("statement");
      const row = await lockOpen(tx, ctx.actor, found.statementId);
      const [updated] = await tx
        .update(statementDisputes)
        .set({ status: "resolved", resolution: input.resolution, resolvedBy: ctx.actor.userId, resolvedAt: new Date() })
        .where(and(eq(statementDisputes.id, input.disputeId), eq(statementDisputes.status, "open")))
        .returning({ id: statementDisputes.id });
      if (!updated) throw new ValidationError({ form: ["billing.statements.alreadyResolved"] }, "billing.statements.alreadyResolved");
      const [{ open } = { open: 0 }] = await tx
        .select({ open: sql<number>`count(*)::int` })
        .from(statementDisputes)
        .where(and(eq(statementDisputes.statementId, row.id), eq(statementDisputes.status, "open")));
      const status = open === 0 ? "open" : "disputed";
      if (status !== row.status) await tx.update(accountStatements).set({ status }).where(eq(accountStatements.id, row.id));
      await recordAudit(tx, ctx.actor, {
        action: "statement.resolve",
        entity: "statement",
        entityId: row.id,
        before: { status: row.status, dispute: "open" },
        after: { status, dispute: "resolved", entryNumber: found.dispute.entryNumber, resolution: input.resolution },
      });
      await notify(tx, {
        audiences: [{ organizationId: row.organizationId, permission: "own_account:read" }],
        kind: "statement.resolved",
        entityType: "statement",
        entityId: row.id,
        params: { month: row.month.slice(0, 7), number: found.dispute.entryNumber, resolution: input.resolution },
      });
      return { statementId: row.id, status };
    });
    return result;
  });
}

/** Whether the actor may confirm or dispute statements (the portal offers the buttons only then). */
export const mayConfirmStatement = (actor: Actor) => can(actor, "own_statement:confirm");
/** Whether the actor may answer disputes (the back-office offers the form only then). */
export const mayResolveStatementDispute = (actor: Actor) => can(actor, "payment:record");

