import { z } from "zod";
import { complaintCategories, complaintSeverities, complaintStatuses } from "@cs/db";
import { isUuid } from "../shared/parse";
import { strictNumber } from "../shared/strict-number";
import { blankToUndefined, requiredText } from "../validation/fields";

const optionalId = z.preprocess(blankToUndefined, z.string().max(64).optional());
const id = z.string().refine(isUuid, "validation.invalid");

export const fileComplaintInput = z.object({
  category: z.enum(complaintCategories, { error: "complaints.errors.category" }),
  severity: z.enum(complaintSeverities, { error: "complaints.errors.severity" }),
  subject: requiredText(200),
  description: requiredText(4000),
  /** What it is about: one of the complainant's orders or repair requests (optional). */
  orderId: optionalId,
  repairRequestId: optionalId,
  /** Staff filing for a partner or an end customer; a partner or a customer files for itself. */
  organizationId: optionalId,
  endCustomerId: optionalId,
  /** Staff may name the owner at once; else the account's owner takes it. */
  ownerId: optionalId,
});

export const assignComplaintInput = z.object({ complaintId: id, ownerId: z.preprocess(blankToUndefined, z.string({ error: "validation.required" }).max(64)) });

export const resolveComplaintInput = z.object({ complaintId: id, resolution: requiredText(4000) });

export const complaintListQuery = z.object({
  status: z.enum(["active", ...complaintStatuses, "all"]).catch("active"),
  overdue: z.preprocess((v) => v === "1" || v === "true", z.boolean()).catch(false),
  page: strictNumber(z.number().int().min(1).max(10_000)).catch(1),
});
export type ComplaintListQuery = z.output<typeof complaintListQuery>;

/** Business hours to resolve a complaint, by severity (the service calendar, as repair SLAs). */
export const complaintSlaHours = { critical: 4, high: 9, normal: 18, low: 45 } as const;
