import { z } from "zod";
import { returnReasons, returnRequests } from "@cs/db";
import type { Actor } from "../access/actor";
import { tenantScope } from "../access/scopes";
import { orderLineQuantities } from "../validation/fields";

export const requestReturnInput = z.object({
  orderId: z.string(),
  reason: z.enum(returnReasons, { error: "returns.validation.reason" }),
  note: z
    .string()
    .trim()
    .max(1000, "validation.tooLong")
    .optional()
    .transform((v) => v || null),
  lines: orderLineQuantities,
});
export type RequestReturnInput = z.input<typeof requestReturnInput>;

export const decideReturnInput = z.object({
  returnId: z.string(),
  comment: z
    .string()
    .trim()
    .max(1000, "validation.tooLong")
    .optional()
    .transform((v) => v || null),
});

export const receiveReturnInput = z.object({
  returnId: z.string(),
  locationId: z.string({ error: "validation.required" }).min(1, "validation.required"),
  toQuarantine: z
    .union([z.boolean(), z.enum(["on", "true", "false", ""])])
    .optional()
    .transform((v) => v === true || v === "on" || v === "true"),
});

/**
 * Returns are a buyer's commercial documents: staff see their branches' (order:read), a partner
 * its own (own_order:read). They carry no supplier, so a master distributor sees only its own.
 */
export function returnScope(actor: Actor) {
  return tenantScope(actor, returnRequests, { staff: "order:read", partner: "own_order:read" });
}
