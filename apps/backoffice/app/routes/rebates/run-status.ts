import { getRebateRun } from "@cs/domain";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/run-status";

/** The run's progress as JSON, polled every second by the program page while it runs. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const run = await getRebateRun(domainCtx(context, request), params.id);
  return Response.json(
    {
      id: run.id,
      status: run.status,
      phase: run.phase,
      progressDone: run.progressDone,
      progressTotal: run.progressTotal,
      statementsWritten: run.statementsWritten,
      frozen: run.frozen,
      attempts: run.attempts,
      error: run.error,
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
