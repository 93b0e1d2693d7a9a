import { afterAll, beforeAll } from "vitest";
import { setUpFileDatabase, tearDownFileDatabase } from "../db";
// The domain's hooks (stock arrival → backorder allocation), as the apps get them through the index.
import "@cs/domain/wiring";

// Runs in every integration test file before its own hooks: one fresh database per file.
beforeAll(setUpFileDatabase);
afterAll(tearDownFileDatabase);
