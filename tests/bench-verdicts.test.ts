import { describe, expect, it } from "vitest";
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
});
