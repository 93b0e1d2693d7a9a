import { and, asc, count, desc, eq, ilike, or, type SQL } from "drizzle-orm";
import { contractPrices, organizations, products } from "@cs/db";
import { organizationScope } from "../../access/scopes";
import { diffFields, recordAudit } from "../../shared/audit";
import { inTransaction, type Ctx } from "../../shared/context";
import { NotFoundError } from "../../shared/errors";
import { keyOf, once } from "../../shared/idempotency";
import { likePattern, listQuerySchema, type Page } from "../../shared/list-query";
import { isUuid, parseInput } from "../../shared/parse";
import type { z } from "zod";
import { authorizeManage, authorizeRead, organizationByCode, productBySku } from "./lookup";
import { contractPriceInput } from "./schema";

export const contractPriceQuery = listQuerySchema(["organization", "sku", "validFrom"] as const, "organization");

const sortColumns = { organization: organizations.code, sku: products.sku, validFrom: contractPrices.validFrom };

/** Contract prices of the organizations this staff member may see (a branch sees its partners'). */
export async function listContractPrices(ctx: Ctx, query: z.output<typeof contractPriceQuery>) {
  authorizeRead(ctx);
  const conditions: (SQL | undefined)[] = [organizationScope(ctx.actor)];
  if (query.q) {
    const p = likePattern(query.q);
    conditions.push(or(ilike(organizations.code, p), ilike(organizations.name, p), ilike(products.sku, p), ilike(contractPrices.contractNo, p)));
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    ctx.db
      .select({
        id: contractPrices.id,
        organizationCode: organizations.code,
        organizationName: organizations.name,
        sku: products.sku,
        nameZh: products.nameZh,
        nameEn: products.nameEn,
        listPriceFen: products.listPriceFen,
        minQuantity: contractPrices.minQuantity,
        unitPriceFen: contractPrices.unitPriceFen,
        contractNo: contractPrices.contractNo,
        validFrom: contractPrices.validFrom,
        validTo: contractPrices.validTo,
      })
      .from(contractPrices)
      .innerJoin(organizations, eq(organizations.id, contractPrices.organizationId))
      .innerJoin(products, eq(products.id, contractPrices.productId))
      .where(where)
      .orderBy((query.dir === "desc" ? desc : asc)(sortColumns[query.sort]), asc(products.sku), asc(contractPrices.minQuantity), asc(contractPrices.id))
      .limit(query.size)
      .offset((query.page - 1) * query.size),
    ctx.db
      .select({ n: count() })
      .from(contractPrices)
      .innerJoin(organizations, eq(organizations.id, contractPrices.organizationId))
      .innerJoin(products, eq(products.id, contractPrices.productId))
      .where(where),
  ]);
  return { rows, total: total?.n ?? 0, page: query.page, size: query.size } satisfies Page<unknown>;
}

/** One contract price as its form shows it; out of scope is not found. */
export async function getContractPrice(ctx: Ctx, id: string) {
  authorizeRead(ctx);
  if (!isUuid(id)) throw new NotFoundError("contract price");
  const [row] = await ctx.db
    .select({ contract: contractPrices, organizationCode: organizations.code, organizationName: organizations.name, sku: products.sku })
    .from(contractPrices)
    .innerJoin(organizations, eq(organizations.id, contractPrices.organizationId))
    .innerJoin(products, eq(products.id, contractPrices.productId))
    .where(and(eq(contractPrices.id, id), organizationScope(ctx.actor)));
  if (!row) throw new NotFoundError("contract price");
  return row;
}

export async function saveContractPrice(ctx: Ctx, id: string | undefined, raw: unknown): Promise<{ id: string }> {
  authorizeManage(ctx);
  const input = parseInput(contractPriceInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    const [org, product] = await Promise.all([organizationByCode(tctx, input.organizationCode), productBySku(tctx, input.sku)]);
    const values = {
      organizationId: org.id,
      productId: product.id,
      minQuantity: input.minQuantity,
      unitPriceFen: input.price,
      contractNo: input.contractNo ?? null,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
    };
    if (id) {
      const { contract } = await getContractPrice(tctx, id);
      const diff = diffFields(contract as Record<string, unknown>, values);
      if (!diff.changed) return { id };
      await tx.update(contractPrices).set(values).where(eq(contractPrices.id, contract.id));
      await recordAudit(tx, ctx.actor, { action: "contract_price.update", entity: "organization", entityId: org.id, before: { contractPriceId: id, ...diff.before }, after: { contractPriceId: id, ...diff.after } });
      return { id };
    }
    const { result } = await once(tx, ctx.actor, keyOf(raw), values, async () => {
      const [row] = await tx.insert(contractPrices).values(values).returning({ id: contractPrices.id });
      await recordAudit(tx, ctx.actor, { action: "contract_price.create", entity: "organization", entityId: org.id, after: { contractPriceId: row!.id, sku: product.sku, ...values } });
      return { id: row!.id };
    });
    return result;
  });
}

/** Deleting one already gone (or out of scope) is not found; the form's retry lands on the list. */
export async function deleteContractPrice(ctx: Ctx, id: string): Promise<void> {
  authorizeManage(ctx);
  await inTransaction(ctx, async (tx, tctx) => {
    const { contract, sku } = await getContractPrice(tctx, id);
    await tx.delete(contractPrices).where(eq(contractPrices.id, contract.id));
    await recordAudit(tx, ctx.actor, { action: "contract_price.delete", entity: "organization", entityId: contract.organizationId, before: { contractPriceId: contract.id, sku, ...contract } });
  });
}
