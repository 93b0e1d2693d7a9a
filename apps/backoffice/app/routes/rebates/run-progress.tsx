import { useEffect, useState } from "react";
import { useTranslation } from "@cs/i18n/react";
import { useRevalidator } from "react-router";
import { Alert } from "@cs/ui";

export type RunState = {
  id: string;
  status: "queued" | "running" | "done" | "failed";
  phase: string | null;
  progressDone: number;
  progressTotal: number;
  statementsWritten: number;
  frozen: number | null;
  attempts: number;
  error: string | null;
};

/**
 * The latest run of the program: a progress bar polled from the run's resource route every second
 * while it is queued or running; when it ends the page's data is reloaded (counts, statements).
 */
export function RunProgress({ initial }: { initial: RunState }) {
  const { t } = useTranslation();
  const [run, setRun] = useState(initial);
  const revalidator = useRevalidator();
  useEffect(() => {
    if (run.status === "done" || run.status === "failed") return;
    const timer = setInterval(() => {
      fetch(`/rebates/runs/${run.id}`, { headers: { Accept: "application/json" } })
        .then((r) => (r.ok ? (r.json() as Promise<RunState>) : null))
        .then((next) => {
          if (!next) return;
          setRun(next);
          if (next.status === "done" || next.status === "failed") void revalidator.revalidate();
        })
        .catch(() => {});
    }, 1000);
    return () => clearInterval(timer);
  }, [run.id, run.status, revalidator]);
  const percent = run.progressTotal > 0 ? Math.round((run.progressDone / run.progressTotal) * 100) : run.status === "done" ? 100 : 0;
  const phase = run.phase ?? run.status;
  return (
    <div className="space-y-2" aria-live="polite">
      <div className="flex items-center justify-between text-sm">
        <span className="font-medium">{t(`rebatePrograms.run.phases.${phase}`, { defaultValue: phase })}</span>
        <span className="tabular-nums text-slate-600">{run.progressTotal > 0 ? t("rebatePrograms.run.progress", { done: run.progressDone, total: run.progressTotal }) : null}</span>
      </div>
      <div role="progressbar" aria-label={t("rebatePrograms.run.progressLabel")} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent} className="h-3 w-full overflow-hidden rounded-full bg-slate-200">
        <div className={`h-full rounded-full transition-all ${run.status === "failed" ? "bg-red-500" : "bg-blue-600"}`} style={{ width: `${percent}%` }} />
      </div>
      {run.status === "queued" && run.phase !== "retry" ? <p className="text-sm text-slate-600">{t("rebatePrograms.run.queued")}</p> : null}
      {run.status === "queued" && run.phase === "retry" ? <Alert tone="info">{t("rebatePrograms.run.retry", { attempts: run.attempts, error: run.error ?? "" })}</Alert> : null}
      {run.status === "done" ? <Alert tone="success">{t("rebatePrograms.run.done", { written: run.statementsWritten, frozen: run.frozen ?? 0 })}</Alert> : null}
      {run.status === "failed" ? <Alert>{t("rebatePrograms.run.failed", { error: run.error ?? "" })}</Alert> : null}
    </div>
  );
}
