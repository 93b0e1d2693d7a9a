import { and, asc, count, eq, sql } from "drizzle-orm";
import { z } from "zod";
import {
  cartItems,
  orderTemplateLines,
  orderTemplates,
  products,
} from "@cs/db";
import { recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import {
  ConflictError,
  NotFoundError,
  ValidationError,
} from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { isUuid, parseInput } from "../shared/parse";
import { addLinesToCart } from "./add";
import { buyerCart, requireBuyer } from "./buyer";

/** Templates are shared by the organization's buyers: a dealer's regular monthly order. */
export async function listOrderTemplates(ctx: Ctx) {
  const buyer = requireBuyer(ctx);
  return ctx.db
    .select({
      id: orderTemplates.id,
      name: orderTemplates.name,
      updatedAt: orderTemplates.updatedAt,
      lines: count(orderTemplateLines.productId),
      units: sql<number>`coalesce(sum(${orderTemplateLines.quantity}), 0)::int`,
    })
    .from(orderTemplates)
    .leftJoin(
      orderTemplateLines,
      eq(orderTemplateLines.templateId, orderTemplates.id),
    )
    .where(eq(orderTemplates.organizationId, buyer.organizationId))
    .groupBy(orderTemplates.id)
    .orderBy(asc(orderTemplates.name));
}

const saveInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "validation.required")
    .max(60, "validation.tooLong"),
});

/** The cart's lines under a name of the organization's; a name already used is refused. */
export async function saveCartAsTemplate(
  ctx: Ctx,
  raw: unknown,
): Promise<{ id: string }> {
  const input = parseInput(saveInput, raw);
  const buyer = requireBuyer(ctx);
  return inTransaction(ctx, async (tx) => {
    const { result } = await once(
      tx,
      ctx.actor,
      keyOf(raw),
      { template: "save", ...input },
      async () => {
        const lines = await tx
          .select({
            productId: cartItems.productId,
            quantity: cartItems.quantity,
          })
          .from(cartItems)
          .where(buyerCart(buyer));
        if (lines.length === 0)
          throw new ValidationError({
            form: ["catalog.templates.errors.emptyCart"],
          });
        const [row] = await tx
          .insert(orderTemplates)
          .values({
            organizationId: buyer.organizationId,
            name: input.name,
            createdBy: buyer.userId,
          })
          .onConflictDoNothing()
          .returning({ id: orderTemplates.id });
        if (!row) throw new ConflictError("catalog.templates.errors.nameTaken");
        await tx
          .insert(orderTemplateLines)
          .values(lines.map((l) => ({ templateId: row.id, ...l })));
        await recordAudit(tx, ctx.actor, {
          action: "order_template.create",
          entity: "order_template",
          entityId: row.id,
          after: { name: input.name, lines },
        });
        return { id: row.id };
      },
    );
    return result;
  });
}

async function templateInScope(
  ctx: Ctx,
  organizationId: string,
  templateId: string,
) {
  if (!isUuid(templateId)) throw new NotFoundError("order template");
  const [row] = await ctx.db
    .select()
    .from(orderTemplates)
    .where(
      and(
        eq(orderTemplates.id, templateId),
        eq(orderTemplates.organizationId, organizationId),
      ),
    );
  if (!row) throw new NotFoundError("order template");
  return row;
}

/**
 * Adds the template's lines to the cart. Products no longer sold are skipped and reported, so an
 * old template still loads what it can; the form's `_key` makes a retried load add once.
 */
export async function loadTemplateIntoCart(
  ctx: Ctx,
  raw: unknown,
): Promise<{ added: number; skipped: string[] }> {
  const { templateId } = parseInput(z.object({ templateId: z.string() }), raw);
  const buyer = requireBuyer(ctx);
  const template = await templateInScope(ctx, buyer.organizationId, templateId);
  const lines = await ctx.db
    .select({
      productId: orderTemplateLines.productId,
      quantity: orderTemplateLines.quantity,
      sku: products.sku,
      active: products.active,
    })
    .from(orderTemplateLines)
    .innerJoin(products, eq(products.id, orderTemplateLines.productId))
    .where(eq(orderTemplateLines.templateId, template.id))
    .orderBy(asc(products.sku));
  const usable = lines.filter((l) => l.active);
  if (usable.length === 0)
    throw new ValidationError({
      form: ["catalog.templates.errors.nothingToLoad"],
    });
  const { added } = await addLinesToCart(
    ctx,
    usable.map((l) => ({ productId: l.productId, quantity: l.quantity })),
    keyOf(raw),
  );
  return { added, skipped: lines.filter((l) => !l.active).map((l) => l.sku) };
}

/** Deletes a template of the organization's; deleting one already gone is not an error. */
export async function deleteOrderTemplate(
  ctx: Ctx,
  raw: unknown,
): Promise<{ deleted: boolean }> {
  const { templateId } = parseInput(z.object({ templateId: z.string() }), raw);
  const buyer = requireBuyer(ctx);
  if (!isUuid(templateId)) return { deleted: false };
  return inTransaction(ctx, async (tx) => {
    const [gone] = await tx
      .delete(orderTemplates)
      .where(
        and(
          eq(orderTemplates.id, templateId),
          eq(orderTemplates.organizationId, buyer.organizationId),
        ),
      )
      .returning();
    if (gone)
      await recordAudit(tx, ctx.actor, {
        action: "order_template.delete",
        entity: "order_template",
        entityId: gone.id,
        before: { name: gone.name },
      });
    return { deleted: !!gone };
  });
}
