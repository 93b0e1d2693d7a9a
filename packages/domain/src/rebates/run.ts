import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { rebatePrograms, rebateRuns, rebateStatements, type Database, type DatabaseOrTransaction, type RebateProgram, type RebateRun } from "@cs/db";
import { authorize } from "../access/authorize";
import { rebateStatementScope } from "../access/scopes";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { ConflictError, NotFoundError } from "../shared/errors";
import { isUuid } from "../shared/parse";
import { calculateProgramRows } from "./calculate-sql";
import { FROZEN_STATUSES, writeStatementChunk } from "./statements-write";

export const REBATE_RUN_LEASE_SECONDS = 120;
export const REBATE_RUN_MAX_ATTEMPTS = 3;
export const REBATE_RUN_CHUNK = 2000;

/**
 * Queues a calculation of the program for the worker. While one is queued or running for the
 * program, asking again returns that one (a double click or a retried form is not a second run).
 */
export async function requestRebateRun(ctx: Ctx, programId: string): Promise<RebateRun> {
  authorize(ctx.actor, "rebate:manage");
  if (!isUuid(programId)) throw new NotFoundError("rebate program");
  return inTransaction(ctx, async (tx) => {
    const [program] = await tx.select().from(rebatePrograms).where(eq(rebatePrograms.id, programId)).for("update");
    if (!program) throw new NotFoundError("rebate program");
    if (program.status === "archived") throw new ConflictError("rebatePrograms.errors.archived");
    const [active] = await tx
      .select()
      .from(rebateRuns)
      .where(and(eq(rebateRuns.programId, programId), inArray(rebateRuns.status, ["queued", "running"])))
      .limit(1);
    if (active) return active;
    const [run] = await tx.insert(rebateRuns).values({ programId, requestedBy: ctx.actor.userId }).returning();
    if (!run) throw new Error("insert returned nothing");
    if (program.status === "draft") await tx.update(rebatePrograms).set({ status: "active", updatedAt: sql`now()` }).where(eq(rebatePrograms.id, programId));
    await recordAudit(tx, ctx.actor, { action: "run", entity: "rebate_program", entityId: programId, after: { runId: run.id } });
    await tx.execute(sql`select pg_notify('rebate_run', ${run.id})`);
    return run;
  });
}

/** The next queued run (or one whose worker's lease ran out), leased to the caller; SKIP LOCKED so workers never wait on each other. */
export async function claimRebateRun(db: DatabaseOrTransaction, runId?: string): Promise<RebateRun | null> {
  const only = runId ? sql`and id = ${runId}` : sql``;
  const [run] = await db.execute<{ id: string }>(sql`
    update rebate_runs set status = 'running', attempts = attempts + 1, started_at = coalesce(started_at, now()), error = null,
           locked_until = now() + make_interval(secs => ${REBATE_RUN_LEASE_SECONDS})
     where id = (select id from rebate_runs
                  where (status = 'queued' or (status = 'running' and locked_until < now())) ${only}
                  order by created_at for update skip locked limit 1)
    returning id`);
  if (!run) return null;
  const [row] = await db.select().from(rebateRuns).where(eq(rebateRuns.id, run.id));
  return row ?? null;
}

/**
 * What the worker does with a claimed run: the whole program's figures in one set-based query, then
 * the statements in chunks of partners, each chunk its own transaction that also moves the progress
 * (so the UI's bar moves and a crash loses at most one chunk; a rerun rewrites the drafts anyway).
 * A failure puts the run back in the queue until REBATE_RUN_MAX_ATTEMPTS, then marks it failed.
 */
export async function processRebateRun(db: Database, run: RebateRun, options: { chunkSize?: number; trace?: (step: "calculation" | "chunk", ms: number) => void } = {}): Promise<RebateRun> {
  const chunkSize = options.chunkSize ?? REBATE_RUN_CHUNK;
  const trace = options.trace ?? (() => {});
  try {
    const [program] = await db.select().from(rebatePrograms).where(eq(rebatePrograms.id, run.programId));
    if (!program) throw new Error("program not found");
    await setRun(db, run.id, { phase: "basis", progressDone: 0, statementsWritten: 0 });
    let t0 = performance.now();
    const rows = await calculateProgramRows(db, program);
    trace("calculation", performance.now() - t0);
    await setRun(db, run.id, { phase: "statements", progressTotal: rows.length });
    for (let i = 0; i < rows.length; i += chunkSize) {
      const chunk = rows.slice(i, i + chunkSize);
      t0 = performance.now();
      await db.transaction(async (tx) => {
        // a chunk's commit need not wait for its WAL flush: a crash loses at most drafts a rerun rewrites,
        // and the run's final `done` (a normal commit) flushes every chunk before it (decision 015)
        await tx.execute(sql`set local synchronous_commit = off`);
        const { written } = await writeStatementChunk(tx, program, run.id, chunk);
        await tx
          .update(rebateRuns)
          .set({
            progressDone: sql`${rebateRuns.progressDone} + ${chunk.length}`,
            statementsWritten: sql`${rebateRuns.statementsWritten} + ${written}`,
            lockedUntil: sql`now() + make_interval(secs => ${REBATE_RUN_LEASE_SECONDS})`,
          })
          .where(eq(rebateRuns.id, run.id));
      });
      trace("chunk", performance.now() - t0);
    }
    return await setRun(db, run.id, { status: "done", phase: "done", finishedAt: sql`now()`, lockedUntil: null });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failed = run.attempts >= REBATE_RUN_MAX_ATTEMPTS;
    return setRun(db, run.id, { status: failed ? "failed" : "queued", phase: failed ? "failed" : "retry", error: message.slice(0, 2000), lockedUntil: null, finishedAt: failed ? sql`now()` : null });
  }
}

async function setRun(db: DatabaseOrTransaction, id: string, values: Partial<Record<keyof RebateRun, unknown>>) {
  const [row] = await db
    .update(rebateRuns)
    .set(values as Partial<typeof rebateRuns.$inferInsert>)
    .where(eq(rebateRuns.id, id))
    .returning();
  if (!row) throw new Error("rebate run vanished");
  return row;
}

/** Queue and run at once in this process: the same function the worker calls (small programs, tests). */
export async function runRebateProgramNow(ctx: Ctx & { db: Database }, programId: string, options: { chunkSize?: number } = {}) {
  const queued = await requestRebateRun(ctx, programId);
  const run = await claimRebateRun(ctx.db, queued.id);
  if (!run) return queued;
  return processRebateRun(ctx.db, run, options);
}

/** For the progress bar: the program's latest run. */
export async function getRebateRun(ctx: Ctx, runId: string) {
  authorize(ctx.actor, "rebate:read");
  if (!isUuid(runId)) throw new NotFoundError("rebate run");
  const [run] = await ctx.db.select().from(rebateRuns).where(eq(rebateRuns.id, runId));
  if (!run) throw new NotFoundError("rebate run");
  return { ...run, frozen: run.status === "done" ? run.progressDone - run.statementsWritten : null };
}

export async function latestRebateRun(ctx: Ctx, programId: string) {
  authorize(ctx.actor, "rebate:read");
  const [run] = await ctx.db.select().from(rebateRuns).where(eq(rebateRuns.programId, programId)).orderBy(desc(rebateRuns.createdAt)).limit(1);
  return run ? { ...run, frozen: run.status === "done" ? run.progressDone - run.statementsWritten : null } : null;
}

/** Recalculates one partner's draft now; a frozen statement is refused (corrections are adjustments). */
export async function recalculateRebateStatement(ctx: Ctx, statementId: string) {
  authorize(ctx.actor, "rebate:manage");
  if (!isUuid(statementId)) throw new NotFoundError("rebate statement");
  return inTransaction(ctx, async (tx) => {
    const [s] = await tx
      .select({ id: rebateStatements.id, programId: rebateStatements.programId, organizationId: rebateStatements.organizationId, status: rebateStatements.status })
      .from(rebateStatements)
      .where(and(eq(rebateStatements.id, statementId), rebateStatementScope(ctx.actor)))
      .for("update");
    if (!s || !s.programId) throw new NotFoundError("rebate statement");
    if ((FROZEN_STATUSES as readonly string[]).includes(s.status)) throw new ConflictError("rebatePrograms.errors.statementFrozen");
    const [program] = await tx.select().from(rebatePrograms).where(eq(rebatePrograms.id, s.programId));
    if (!program) throw new NotFoundError("rebate program");
    const rows = await calculateProgramRows(tx, program, [s.organizationId]);
    await writeStatementChunk(tx, program as RebateProgram, null, rows);
    await recordAudit(tx, ctx.actor, { action: "recalculate", entity: "rebate_statement", entityId: statementId });
    return { id: statementId, removed: rows.length === 0 };
  });
}
