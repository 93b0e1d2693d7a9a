import { and, eq, notExists, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { serialMoves, serialNumbers, stockLocations, stockMoves, type Database } from "@cs/db";
import { testDb } from "../../../../../tests/db";
import { ctxOf, seedDemoData } from "@cs/testing/demo";
import { ForbiddenError } from "../../shared/errors";
import { findSerials } from "./serials";
import { expectUnchanged } from "@cs/testing/unchanged";

let db: Database;

/** A seeded serial that sits in `code` and never touched a location outside `allowed`. */
async function serialOnlyIn(code: string, allowed: string[]) {
  const [row] = await db
    .select({ serial: serialNumbers.serial })
    .from(serialNumbers)
    .innerJoin(stockLocations, eq(stockLocations.id, serialNumbers.locationId))
    .where(
      and(
        eq(stockLocations.code, code),
        notExists(
          db
            .select({ one: sql`1` })
            .from(serialMoves)
            .innerJoin(stockMoves, eq(stockMoves.id, serialMoves.moveId))
            .innerJoin(stockLocations, sql`${stockLocations.id} in (${stockMoves.fromLocationId}, ${stockMoves.toLocationId})`)
            .where(and(eq(serialMoves.serialId, serialNumbers.id), sql`${stockLocations.code} not in (${sql.join(allowed.map((a) => sql`${a}`), sql`, `)})`)),
        ),
      ),
    )
    .limit(1);
  if (!row) throw new Error(`no seeded serial only in ${code}`);
  return row.serial;
}

beforeAll(async () => {
  db = testDb();
  await seedDemoData(db);
});

describe("findSerials", () => {
  it("shows a serial's place, owner and every move to staff whose locations it touched", async () => {
    const serial = await serialOnlyIn("WH-BJ", ["WH-BJ", "SUPPLIER", "WH-CENTRAL", "TRANSIT"]);
    const [found] = await findSerials(await ctxOf(db, "warehouse@demo.cn"), serial);
    expect(found).toMatchObject({ serial, status: "in_stock", locationCode: "WH-BJ", owner: null });
    expect(found!.moves.length).toBeGreaterThan(0);
    expect(found!.moves.at(-1)).toMatchObject({ toCode: "WH-BJ" });
  });

  it("hides serials that only ever lived in another branch's warehouse", async () => {
    const serial = await serialOnlyIn("WH-SH", ["WH-SH", "SUPPLIER", "TRANSIT"]);
    expect(await findSerials(await ctxOf(db, "warehouse@demo.cn"), serial)).toEqual([]);
    expect((await findSerials(await ctxOf(db, "admin@demo.cn"), serial)).map((s) => s.serial)).toEqual([serial]);
  });

  it("needs three characters, matches from the start, and refuses partners", async () => {
    const serial = await serialOnlyIn("WH-BJ", ["WH-BJ", "SUPPLIER", "WH-CENTRAL", "TRANSIT"]);
    const admin = await ctxOf(db, "admin@demo.cn");
    expect(await findSerials(admin, serial.slice(0, 2))).toEqual([]);
    expect(await findSerials(admin, serial.slice(1))).not.toContainEqual(expect.objectContaining({ serial }));
    expect((await findSerials(admin, serial.slice(0, serial.length - 1))).map((s) => s.serial)).toContain(serial);
    await expectUnchanged(db, async () => expect(findSerials(await ctxOf(db, "dealer@demo.cn"), serial)).rejects.toBeInstanceOf(ForbiddenError));
  });
});
