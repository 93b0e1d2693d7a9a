import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import { divisions, productLines } from "@cs/db";
import { authorize } from "../access/authorize";
import { diffFields, recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { isUuid, parseInput } from "../shared/parse";
import { blankToUndefined } from "../validation/fields";

const floorError = "product.errors.marginFloor";

export const marginFloorInput = z.object({
  productLineId: z.string(),
  /** Basis points of the net price (1% = 100); blank: the line has no floor. */
  marginFloorBp: z.preprocess(
    (v) => {
      const b = blankToUndefined(v);
      return typeof b === "string" && /^-?\d+$/.test(b.trim()) ? Number(b.trim()) : b;
    },
    z.number({ error: floorError }).int({ error: floorError }).min(0, { error: floorError }).max(10_000, { error: floorError }).optional(),
  ),
});

/** Product lines with their margin floors, by division, for the product master (product:manage). */
export async function listProductLineFloors(ctx: Ctx) {
  authorize(ctx.actor, "product:manage");
  return ctx.db
    .select({
      id: productLines.id,
      code: productLines.code,
      nameZh: productLines.nameZh,
      nameEn: productLines.nameEn,
      marginFloorBp: productLines.marginFloorBp,
      divisionZh: divisions.nameZh,
      divisionEn: divisions.nameEn,
    })
    .from(productLines)
    .innerJoin(divisions, eq(divisions.id, productLines.divisionId))
    .orderBy(asc(divisions.code), asc(productLines.code));
}

/**
 * Sets (or clears) a product line's margin floor (docs/decisions/032): an order line of ours priced
 * below it waits for approval. 0..10000 basis points; audited with the change. Orders already placed
 * keep their status; the next checkout or desk edit applies the new floor.
 */
export async function setMarginFloor(ctx: Ctx, raw: unknown): Promise<{ id: string; marginFloorBp: number | null }> {
  authorize(ctx.actor, "product:manage");
  const input = parseInput(marginFloorInput, raw);
  if (!isUuid(input.productLineId)) throw new NotFoundError("productLine");
  return inTransaction(ctx, async (tx) => {
    const [line] = await tx.select().from(productLines).where(eq(productLines.id, input.productLineId)).for("update");
    if (!line) throw new NotFoundError("productLine");
    const marginFloorBp = input.marginFloorBp ?? null;
    const diff = diffFields(line as Record<string, unknown>, { marginFloorBp });
    if (diff.changed) {
      await tx.update(productLines).set({ marginFloorBp }).where(eq(productLines.id, line.id));
      await recordAudit(tx, ctx.actor, { action: "product_line.margin_floor", entity: "product_line", entityId: line.id, before: diff.before, after: diff.after });
    }
    return { id: line.id, marginFloorBp };
  });
}
