import { afterAll, beforeAll } from "vitest";
import { setUpFileDatabase, tearDownFileDatabase } from "../db";

// Runs in every integration test file before its own hooks: one fresh database per file.
beforeAll(setUpFileDatabase);
afterAll(tearDownFileDatabase);
