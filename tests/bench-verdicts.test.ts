import { describe, expect, it } from "vitest";
import { overRounds } from "../bench/lib/stats";
import { benchFailures } from "../bench/lib/verdicts";

const clean = { ledger_matches_levels: true };

describe("benchFailures", () => {
  it("passes a run whose aims hold and whose checks agree", () => {
    const results = {
      reserve_hot: { oversold: 0, phases: { ample: { real: { reserved_after: 64, reservations_rows_sum: 64 } } } },
      reserve_throughput: { errors: 0, ratio: 0.9, aim: 0.5 },
      order_list_1m: { ok: true },
      order_place_http: { ok: true, errors: 0, trivial_errors: 0, database_check: { orders: 10, consistent: true } },
    };
    expect(benchFailures(results, clean)).toEqual([]);
  });

  it("names each way a run can fail", () => {
    const results = {
      reserve_hot: { oversold: 3, phases: { drain: { real: { reserved_after: 10, reservations_rows_sum: 9 } } } },
      reserve_throughput: { errors: 2, ratio: 0.4, aim: 0.5 },
      order_list_1m: { ok: false },
      order_place_http: { ok: true, errors: 0, database_check: { orders: 10, consistent: false } },
      soak: { server_errors: 1, unanswered: 0 },
    };
    expect(benchFailures(results, { ledger_matches_levels: false })).toEqual([
      "stock levels differ from the ledger after the run",
      "reserve_hot: oversold by 3 units",
      "reserve_hot.phases.drain.real: reserved 10 ≠ sum of reservations 9",
      "reserve_throughput: 2 errors",
      "reserve_throughput: ratio 0.4 below the aim 0.5",
      "order_list_1m: aim missed or check failed (ok = false)",
      "order_place_http.database_check: the database does not match the successes",
      "soak: 1 server errors",
    ]);
  });

  it("fails a run on each entry's own result check (results beside speed), wherever the entry nests it", () => {
    const agree = {
      availability_200: { result_check: { expected: { units: 120, differing_products: 0 }, actual: { units: 120, differing_products: 0 } } },
      catalog_search: { result_check: { expected: { rows_without_query: 0, totals: { 显示器: 41 } }, actual: { rows_without_query: 0, totals: { 显示器: 41 } } } },
      reserve_hot: { phases: { scarce: { succeeded_check: { expected: 40, actual: 40 } } } },
    };
    expect(benchFailures(agree, clean)).toEqual([]);
    const disagree = {
      availability_200: { result_check: { expected: { units: 120, differing_products: 0 }, actual: { units: 118, differing_products: 2 } } },
      catalog_search: { result_check: { expected: { rows_without_query: 0, totals: { 显示器: 41 } }, actual: { rows_without_query: 3, totals: { 显示器: 41 } } } },
      station_queue: { result_check: { expected: { foreign_rows: 0, out_of_order: 0 }, actual: { foreign_rows: 0, out_of_order: 1 } } },
      order_list_1m: { ok: true, result_check: { expected: { total: 10000, page_ids: ["a", "b"] }, actual: { total: 10000, page_ids: ["b", "a"] } } },
      reserve_hot: { phases: { scarce: { succeeded_check: { expected: 40, actual: 39 } } } },
    };
    expect(benchFailures(disagree, clean)).toEqual([
      "availability_200.result_check: result check failed",
      "catalog_search.result_check: result check failed",
      "station_queue.result_check: result check failed",
      "order_list_1m.result_check: result check failed",
      "reserve_hot.phases.scarce.succeeded_check: result check failed",
    ]);
  });
});

describe("overRounds", () => {
  it("gives the pooled median and p95, each round's median and p95, and the spread of the round medians", () => {
    const figure = overRounds([
      [10, 10, 10, 10, 10],
      [12, 12, 12, 12, 12],
      [11, 11, 11, 11, 31],
    ]);
    expect(figure).toMatchObject({ median_ms: 11, rounds: 3, round_medians_ms: [10, 12, 11], round_p95s_ms: [10, 12, 27] });
    // (12 − 10) / 11
    expect(figure.spread).toBe(0.182);
    expect(figure.p95_ms).toBeGreaterThan(12);
  });
});
