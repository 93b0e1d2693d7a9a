import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { createDatabase, documentSequences, type Database } from "@cs/db";
import { testDatabaseUrl, testDb } from "../../../../tests/db";
import { seedDemoData } from "@cs/testing/demo";
import { nextDocumentNumber } from "./document-number";

let db: Database;

class Rollback extends Error {}

/** Takes a number inside a transaction that is then rolled back. */
async function takeAndRollBack(database: Database, prefix: string, year: number) {
  let taken = "";
  await database
    .transaction(async (tx) => {
      taken = await nextDocumentNumber(tx, prefix, year);
      throw new Rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof Rollback)) throw error;
    });
  return taken;
}

async function lastValue(prefix: string, year: number) {
  const [row] = await db
    .select({ lastValue: documentSequences.lastValue })
    .from(documentSequences)
    .where(and(eq(documentSequences.prefix, prefix), eq(documentSequences.year, year)));
  return row?.lastValue;
}

const numbers = (prefix: string, year: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}-${year}-${String(from + i).padStart(6, "0")}`);

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

describe("nextDocumentNumber", () => {
  it("counts up from 000001 per prefix and year", async () => {
    const taken = [];
    for (let i = 0; i < 3; i++) taken.push(await nextDocumentNumber(db, "SO", 2026));
    expect(taken).toEqual(["SO-2026-000001", "SO-2026-000002", "SO-2026-000003"]);
    expect(await nextDocumentNumber(db, "PO", 2026)).toBe("PO-2026-000001");
    expect(await nextDocumentNumber(db, "SO", 2027)).toBe("SO-2027-000001");
    expect(await nextDocumentNumber(db, "SO", 2026)).toBe("SO-2026-000004");
    expect(await lastValue("SO", 2026)).toBe(4);
  });

  it("gives a number taken in a rolled-back transaction to the next taker", async () => {
    expect(await takeAndRollBack(db, "RB", 2026)).toBe("RB-2026-000001");
    expect(await lastValue("RB", 2026)).toBeUndefined();
    expect(await nextDocumentNumber(db, "RB", 2026)).toBe("RB-2026-000001");
    expect(await takeAndRollBack(db, "RB", 2026)).toBe("RB-2026-000002");
    expect(await nextDocumentNumber(db, "RB", 2026)).toBe("RB-2026-000002");
    expect(await lastValue("RB", 2026)).toBe(2);
  });

  it("widens past six digits instead of wrapping", async () => {
    await db.insert(documentSequences).values({ prefix: "BIG", year: 2026, lastValue: 999_999 });
    expect(await nextDocumentNumber(db, "BIG", 2026)).toBe("BIG-2026-1000000");
  });

  describe("with concurrent takers", () => {
    let pool: Database;
    beforeAll(() => {
      pool = createDatabase(testDatabaseUrl(), { max: 10 });
      return () => pool.$client.end({ timeout: 5 });
    });

    /** One transaction: takes a number, holds it a moment (so the others queue up), then commits or rolls back. */
    async function take(prefix: string, commit: boolean) {
      let taken = "";
      await pool
        .transaction(async (tx) => {
          taken = await nextDocumentNumber(tx, prefix, 2026);
          await new Promise((resolve) => setTimeout(resolve, 5));
          if (!commit) throw new Rollback();
        })
        .catch((error: unknown) => {
          if (!(error instanceof Rollback)) throw error;
        });
      return taken;
    }

    it("gives 20 parallel transactions 20 distinct, consecutive numbers", async () => {
      const taken = await Promise.all(Array.from({ length: 20 }, () => take("CC", true)));
      expect(new Set(taken).size).toBe(20);
      expect([...taken].sort()).toEqual(numbers("CC", 2026, 1, 20));
      expect(await lastValue("CC", 2026)).toBe(20);
    });

    it("stays gap-free when some of the parallel transactions roll back", async () => {
      const outcomes = Array.from({ length: 20 }, (_, i) => i % 4 !== 3);
      const taken = await Promise.all(outcomes.map((commit) => take("GF", commit)));
      const committed = taken.filter((_, i) => outcomes[i]);
      expect([...committed].sort()).toEqual(numbers("GF", 2026, 1, 15));
      expect(await lastValue("GF", 2026)).toBe(15);
    });
  });
});
