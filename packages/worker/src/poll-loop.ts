export type Poller = { stop(): Promise<void> };

/**
 * Runs `pass` again and again: at once while it reports more work waiting, after `pollMs` when idle.
 * A failed pass is logged and retried after the pause, so one bad row never stops the worker;
 * `stop` lets the pass in flight finish, so shutdown never cuts a transaction short.
 */
export function startPolling(pass: () => Promise<boolean>, options: { pollMs: number; label: string; log: (line: string) => void }): Poller {
  const { pollMs, label, log } = options;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> = Promise.resolve();
  const tick = () => {
    current = pass()
      .catch((error: unknown) => {
        log(`[${label}] pass failed: ${error instanceof Error ? error.message : String(error)}`);
        return false;
      })
      .then((busy) => {
        if (!stopped) timer = setTimeout(tick, busy ? 0 : pollMs);
      });
  };
  tick();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}
