/** Small statistics helpers for benchmark samples (milliseconds unless said otherwise). */

/** The p-th percentile (0–100) by linear interpolation between closest ranks. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export const median = (samples: readonly number[]) => percentile(samples, 50);

export const mean = (samples: readonly number[]) =>
  samples.length === 0 ? Number.NaN : samples.reduce((s, x) => s + x, 0) / samples.length;

/** Rounds to `digits` decimals, keeping results.json readable. */
export const round = (x: number, digits = 2) => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

export const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

/** A seeded PRNG (mulberry32), so every run draws the same orders. */
export function seededRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    /** k distinct items of `items`, in random order. */
    sample<T>(items: readonly T[], k: number): T[] {
      const a = [...items];
      const n = Math.min(k, a.length);
      for (let i = 0; i < n; i++) {
        const j = i + Math.floor(next() * (a.length - i));
        [a[i], a[j]] = [a[j]!, a[i]!];
      }
      return a.slice(0, n);
    },
  };
}

/** How many rounds a timing figure is measured over, so one disturbed round shows as spread. */
export const ROUNDS = 3;

/**
 * A timing figure over several rounds: median and p95 of all samples together, each round's median
 * and p95, and the spread of the round medians ((max − min) / median of them), which says how far
 * one round could be trusted alone.
 */
export function overRounds(rounds: readonly (readonly number[])[]) {
  const all = rounds.flat();
  const medians = rounds.map((r) => median(r));
  const mid = median(medians);
  return {
    median_ms: round(median(all), 3),
    p95_ms: round(percentile(all, 95), 3),
    rounds: rounds.length,
    round_medians_ms: medians.map((m) => round(m, 3)),
    round_p95s_ms: rounds.map((r) => round(percentile(r, 95), 3)),
    spread: mid > 0 ? round((Math.max(...medians) - Math.min(...medians)) / mid, 3) : null,
  };
}

/** Runs `fn` `warmup` times untimed, then `runs` timed calls split into `rounds` rounds; the samples per round. */
export async function timedRounds(runs: number, fn: (i: number) => Promise<unknown>, options: { warmup?: number; rounds?: number } = {}) {
  const { warmup = 10, rounds = ROUNDS } = options;
  for (let i = 0; i < warmup; i++) await fn(i);
  const perRound = Math.ceil(runs / rounds);
  const out: number[][] = [];
  let i = warmup;
  for (let r = 0; r < rounds; r++) {
    const samples: number[] = [];
    for (let k = 0; k < perRound; k++, i++) {
      const t0 = performance.now();
      await fn(i);
      samples.push(performance.now() - t0);
    }
    out.push(samples);
  }
  return out;
}
