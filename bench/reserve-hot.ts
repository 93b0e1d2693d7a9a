import { sql } from "drizzle-orm";
import { createDatabase, DISTRIBUTOR_OWNER, type Database } from "@cs/db";
import { reserve } from "@cs/domain";
import { BENCH_REF, readLevel, resetStock, warmPool, type Scratch } from "./lib/scratch";
import { sleep } from "./lib/stats";

type Phase = { name: string; onHand: number; drain: boolean };
/** 64 × 1 with room for all; 64 × 1 for 40 units; and every client reserving 1 again and again until none is left. */
const PHASES: Phase[] = [
  { name: "ample", onHand: 100, drain: false },
  { name: "scarce", onHand: 40, drain: false },
  { name: "drain", onHand: 100, drain: true },
];
/** Upper bound of the naive client's pause between its read and its write. */
const NAIVE_DELAY_MS = 5;

type Counts = { requests: number; succeeded: number };

/** Runs `clients` clients at once; each makes one attempt, or (drain) attempts until one gets nothing. */
async function drive(clients: number, drain: boolean, attempt: (client: number, n: number) => Promise<boolean>): Promise<Counts> {
  const counts = { requests: 0, succeeded: 0 };
  await Promise.all(
    Array.from({ length: clients }, async (_, client) => {
      for (let n = 0; ; n++) {
        counts.requests++;
        const ok = await attempt(client, n);
        if (ok) counts.succeeded++;
        if (!drain || !ok) return;
      }
    }),
  );
  return counts;
}

/** reserve() from @cs/domain: each attempt its own transaction on its own connection. */
async function realPhase(db: Database, scratch: Scratch, phase: Phase, clients: number) {
  const { hotProductId: productId, warehouseA } = scratch;
  await resetStock(db, scratch, [productId], [warehouseA], phase.onHand);
  const started = performance.now();
  const counts = await drive(clients, phase.drain, async (client, n) => {
    const ref = { referenceType: `${BENCH_REF}-hot`, referenceId: `${phase.name}-${client}-${n}` };
    const [line] = await db.transaction((tx) => reserve(tx, ref, [{ productId, quantity: 1 }], [warehouseA]));
    return line?.reserved === 1;
  });
  const ms = performance.now() - started;
  // Read before the next phase's reset (which gives the reservations back): the level's reserved must
  // be what every reservation row of the product there adds up to, whoever made it, and this phase's
  // rows must be one per success.
  const level = await readLevel(db, productId, warehouseA);
  const [held] = await db.execute<{ q: number; phase_rows: number }>(sql`
    select coalesce(sum(quantity), 0)::int as q,
           count(*) filter (where reference_type = ${`${BENCH_REF}-hot`} and reference_id like ${`${phase.name}-%`})::int as phase_rows
      from stock_reservations
     where product_id = ${productId} and location_id = ${warehouseA} and owner_id = ${DISTRIBUTOR_OWNER}`);
  return {
    on_hand: phase.onHand,
    requests: counts.requests,
    succeeded: counts.succeeded,
    backordered: counts.requests - counts.succeeded,
    reserved_after: level.reserved,
    reservations_rows_sum: Number(held?.q ?? 0),
    succeeded_check: { what: "one reservation row of this phase per success", expected: counts.succeeded, actual: Number(held?.phase_rows ?? 0) },
    oversold: Math.max(0, level.reserved - level.onHand, counts.succeeded - phase.onHand),
    ms: Math.round(ms),
  };
}

/** The deliberately wrong way: read free stock, pause, then add to reserved with no lock and no condition. */
async function naivePhase(db: Database, phase: Phase, clients: number, table: "bench_naive_levels" | "stock_levels", where: string) {
  const q = db.$client;
  const counts = { rejectedByCheck: 0 };
  const result = await drive(clients, phase.drain, async () => {
    try {
      return await q.begin(async (tx) => {
        const [row] = await tx.unsafe(`select on_hand - reserved as free from ${table} where ${where}`);
        await sleep(Math.random() * NAIVE_DELAY_MS);
        if (Number(row?.free ?? 0) < 1) return false;
        await tx.unsafe(`update ${table} set reserved = reserved + 1 where ${where}`);
        return true;
      });
    } catch (error) {
      if ((error as { code?: string }).code !== "23514") throw error; // check_violation
      counts.rejectedByCheck++;
      return false;
    }
  });
  const [level] = await q.unsafe(`select on_hand, reserved from ${table} where ${where}`);
  const onHand = Number(level?.on_hand ?? 0);
  const reserved = Number(level?.reserved ?? 0);
  return {
    on_hand: phase.onHand,
    requests: result.requests,
    succeeded: result.succeeded,
    reserved_after: reserved,
    oversold: Math.max(0, reserved - onHand),
    rejected_by_check: counts.rejectedByCheck,
  };
}

export async function reserveHot(url: string, scratch: Scratch, options: { clients: number }) {
  const { clients } = options;
  const db = createDatabase(url, { max: clients });
  try {
    await warmPool(db, clients);
    const phases: Record<string, unknown> = {};
    const real: Record<string, Awaited<ReturnType<typeof realPhase>>> = {};
    const naive: Record<string, Awaited<ReturnType<typeof naivePhase>>> = {};
    // A scratch table like stock_levels but with no CHECK, so nothing stops the naive code.
    await db.execute(sql`create table if not exists bench_naive_levels (id int primary key, on_hand int not null, reserved int not null)`);
    for (const phase of PHASES) {
      real[phase.name] = await realPhase(db, scratch, phase, clients);
      await db.execute(sql`
        insert into bench_naive_levels values (1, ${phase.onHand}, 0)
        on conflict (id) do update set on_hand = excluded.on_hand, reserved = 0`);
      naive[phase.name] = await naivePhase(db, phase, clients, "bench_naive_levels", "id = 1");
      phases[phase.name] = { ...real[phase.name], naive: naive[phase.name] };
    }

    // The same naive code against the real stock_levels: its CHECK refuses what would oversell.
    const { hotProductId, warehouseA } = scratch;
    await resetStock(db, scratch, [hotProductId], [warehouseA], 40);
    const where = `product_id = '${hotProductId}' and location_id = '${warehouseA}' and owner_id = '00000000-0000-0000-0000-000000000000'`;
    const checked = await naivePhase(db, { name: "check", onHand: 40, drain: false }, clients, "stock_levels", where);
    // Those naive increments have no reservation rows: resetStock puts reserved back to what reservations explain.
    await resetStock(db, scratch, [hotProductId], [warehouseA], 100);

    const all = Object.values(real);
    return {
      clients,
      unit: "reservations of 1 unit",
      on_hand: real.ample!.on_hand,
      succeeded: real.ample!.succeeded,
      oversold: all.reduce((s, p) => s + p.oversold, 0),
      scarce_on_hand: real.scarce!.on_hand,
      scarce_succeeded: real.scarce!.succeeded,
      drain_on_hand: real.drain!.on_hand,
      drain_succeeded: real.drain!.succeeded,
      naive_oversold: Object.values(naive).reduce((s, p) => s + p.oversold, 0),
      naive_delay_ms_max: NAIVE_DELAY_MS,
      naive_on_stock_levels: { on_hand: checked.on_hand, requests: checked.requests, committed: checked.succeeded, rejected_by_check: checked.rejected_by_check, oversold: checked.oversold },
      phases,
    };
  } finally {
    await db.$client.end();
  }
}
