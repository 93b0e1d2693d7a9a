import { onStockArrival } from "./inventory/arrivals";
import { allocateArrivedStock } from "./orders/allocate-backorders";

/**
 * The composition root of the domain: where a lower folder's hook meets the higher folder that
 * answers it. Imported by the package index, so every app and the worker run with it, and by the
 * integration test setup, so tests that import a module directly behave the same.
 */
onStockArrival(async (tx, actor, productIds) => {
  await allocateArrivedStock(tx, actor, productIds);
});
