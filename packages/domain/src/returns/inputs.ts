import { z } from "zod";
import { returnReasons, returnRequests } from "@cs/db";
import type { Actor } from "../access/actor";
import { tenantScope } from "../access/scopes";
import { strictNumber } from "../validation/fields";

/** Serials arrive as one text field (one per line, or separated by commas or spaces) or as a list. */
const serialList = z.preprocess(
  (v) => (typeof v === "string" ? v.split(/[\s,，;；]+/) : v),
  z.array(z.string().trim().max(100)).transform((a) => a.filter(Boolean)),
);

export const requestReturnInput = z.object({
  orderId: z.string(),
  reason: z.enum(returnReasons, { error: "returns.validation.reason" }),
  note: z
    .string()
    .trim()
    .max(1000, "validation.tooLong")
    .optional()
    .transform((v) => v || null),
  lines: z
    .array(
      z.object({
        orderLineId: z.string(),
        quantity: strictNumber(z.number({ error: "validation.quantityPositive" }).int("validation.quantityPositive").min(0, "validation.quantityPositive")),
        serials: serialList.default([]),
      }),
    )
    .max(500, "validation.range"),
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
