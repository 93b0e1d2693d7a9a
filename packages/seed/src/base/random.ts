import { createHash } from "node:crypto";

/**
 * A tiny seeded PRNG (mulberry32) and helpers. Seeds never use Math.random, so every run of a seed
 * produces byte-identical data.
 */
export type Random = {
  /** Uniform float in [0, 1). */
  next(): number;
  /** Uniform integer in [min, max] (both inclusive). */
  int(min: number, max: number): number;
  /** true with probability p. */
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks by relative weight: `weighted([["a", 3], ["b", 1]])`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
  /** n random decimal digits, the first one drawn from `firstFrom` when given. */
  digits(n: number, firstFrom?: string): string;
  /** A new array in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[];
};

export const DEMO_SEED = 20260101;

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createRandom(seed: number = DEMO_SEED): Random {
  const next = mulberry32(seed);
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(next() * items.length)] as T;
  };
  return {
    next,
    int,
    chance: (p) => next() < p,
    pick,
    weighted<T>(entries: readonly (readonly [T, number])[]): T {
      const total = entries.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [value, w] of entries) {
        r -= w;
        if (r < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (!last) throw new Error("weighted pick from an empty list");
      return last[0];
    },
    digits(n, firstFrom) {
      let s = firstFrom ? pick([...firstFrom]) : "";
      while (s.length < n) s += String(Math.floor(next() * 10));
      return s;
    },
    shuffle<T>(items: readonly T[]): T[] {
      const a = [...items];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a[i], a[j]] = [a[j] as T, a[i] as T];
      }
      return a;
    },
  };
}

/** A 32-bit seed derived from a base seed and a label, for per-row streams independent of row order. */
export function deriveSeed(base: number, label: string | number): number {
  const h = createHash("sha1").update(`${base}:${label}`).digest();
  return h.readUInt32LE(0);
}

/**
 * A stable, name-based UUID (RFC 4122 version 5 layout over SHA-1), so seeded rows get the same id on
 * every run and re-runs conflict on the id instead of duplicating rows.
 */
export function seedUuid(name: string): string {
  const h = createHash("sha1").update(`channel-system-seed:${name}`).digest();
  h[6] = ((h[6] ?? 0) & 0x0f) | 0x50;
  h[8] = ((h[8] ?? 0) & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
