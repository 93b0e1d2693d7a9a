import { and, asc, eq, gt, sql } from "drizzle-orm";
import { z } from "zod";
import { addresses, products, stockLevels, stockLocations } from "@cs/db";
import { authorize } from "../../access/authorize";
import type { Ctx } from "../../shared/context";
import { NotFoundError } from "../../shared/errors";
import { documentListQuery, getDocument, listDocuments, type DocumentListQuery } from "../documents";
import { partnerOrgOf } from "./scope";

/** The two kinds of stock document a partner raises itself. */
export type PartnerDocumentKind = "call_off" | "sell_out";

/** Newest first unless the user sorts otherwise. */
export const myDocumentsQuery = documentListQuery.extend({ dir: z.enum(["asc", "desc"]).catch("desc") });

/**
 * The partner's own call-offs or sell-out reports. The document queries scope partners by
 * organization; this adds the permission check they leave to the caller, pins the kind, and drops
 * the cost value, which partners never see.
 */
export async function listMyDocuments(ctx: Ctx, kind: PartnerDocumentKind, query: DocumentListQuery) {
  partnerOrgOf(ctx.actor);
  const page = await listDocuments(ctx, { ...query, kind });
  return { ...page, rows: page.rows.map(({ valueFen: _cost, partner: _self, ...row }) => row) };
}

/** One of the partner's documents of this kind; another partner's, or another kind, is "not found". */
export async function getMyDocument(ctx: Ctx, kind: PartnerDocumentKind, id: string) {
  partnerOrgOf(ctx.actor);
  const found = await getDocument(ctx, id);
  if (found.document.kind !== kind) throw new NotFoundError("stock document");
  return found;
}

/** What the partner can take from one of its locations now: its own goods, less what is reserved. */
async function ownedAt(ctx: Ctx, orgId: string, kind: "partner_virtual" | "partner_consignment") {
  return ctx.db
    .select({
      sku: products.sku,
      nameZh: products.nameZh,
      nameEn: products.nameEn,
      serialized: products.serialized,
      free: sql<number>`(${stockLevels.onHand} - ${stockLevels.reserved})::int`,
    })
    .from(stockLevels)
    .innerJoin(stockLocations, eq(stockLocations.id, stockLevels.locationId))
    .innerJoin(products, eq(products.id, stockLevels.productId))
    .where(
      and(
        eq(stockLocations.organizationId, orgId),
        eq(stockLocations.kind, kind),
        eq(stockLevels.ownerId, orgId),
        gt(sql`${stockLevels.onHand} - ${stockLevels.reserved}`, 0),
      ),
    )
    .orderBy(asc(products.sku))
    .limit(200);
}

/** What the call-off form offers: the company's delivery addresses and the virtual stock it can call off. */
export async function callOffOptions(ctx: Ctx) {
  authorize(ctx.actor, "own_stock:call_off");
  const orgId = partnerOrgOf(ctx.actor);
  const [addressRows, owned] = await Promise.all([
    ctx.db
      .select({
        id: addresses.id,
        label: addresses.label,
        recipient: addresses.recipient,
        province: addresses.province,
        city: addresses.city,
        district: addresses.district,
        line: addresses.line,
        isDefault: addresses.isDefault,
      })
      .from(addresses)
      .where(eq(addresses.organizationId, orgId))
      .orderBy(sql`${addresses.isDefault} desc`, asc(addresses.label)),
    ownedAt(ctx, orgId, "partner_virtual"),
  ]);
  return { addresses: addressRows, owned };
}

/** What the sell-out form offers: the consignment stock the partner can report as sold. */
export async function sellOutOptions(ctx: Ctx) {
  authorize(ctx.actor, "own_stock:sell_out");
  return { owned: await ownedAt(ctx, partnerOrgOf(ctx.actor), "partner_consignment") };
}
