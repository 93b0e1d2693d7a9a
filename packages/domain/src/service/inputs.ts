import { z } from "zod";
import { repairPriorities, repairStatuses, serviceModes } from "@cs/db";
import { strictNumber, yuanText, yuanToFenField } from "../validation/fields";

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => v || null);

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "validation.date")
  .refine((v) => !Number.isNaN(Date.parse(`${v}T00:00:00Z`)), "validation.date");


export const serialText = z.string({ error: "validation.required" }).trim().min(3, "service.validation.serial").max(64, "service.validation.serial").regex(/^[\w\-/.]+$/, "service.validation.serial");

export const registerDeviceInput = z.object({
  serial: serialText,
  /** Needed only when the serial is not in our records (or is ambiguous). */
  productId: z.string().trim().optional().transform((v) => v || null),
  purchasedOn: day.optional().or(z.literal("").transform(() => undefined)),
});

export const fileRepairRequestInput = z
  .object({
    /** A registered device of the customer; or product + serial typed in (dealers, unregistered devices). */
    deviceId: z.string().trim().optional().transform((v) => v || null),
    productId: z.string().trim().optional().transform((v) => v || null),
    serial: serialText.optional().or(z.literal("").transform(() => undefined)),
    symptoms: z.string({ error: "validation.required" }).trim().min(5, "service.validation.symptoms").max(2000, "validation.tooLong"),
    serviceMode: z.enum(serviceModes, { error: "validation.required" }),
    city: z.string({ error: "validation.required" }).trim().min(1, "validation.required").max(50, "validation.tooLong"),
    pickupAddress: optionalText(300),
    contactPhone: optionalText(30),
    preferredStationId: z.string().trim().optional().transform((v) => v || null),
    /** Dealers filing for a customer: who it is. */
    customerName: optionalText(100),
    customerMobile: z
      .string()
      .trim()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || /^1\d{10}$/.test(v), "validation.mobile"),
  })
  .superRefine((v, ctx) => {
    if (v.serviceMode === "pickup" && !v.pickupAddress) ctx.addIssue({ code: "custom", path: ["pickupAddress"], message: "service.validation.pickupAddress" });
    if (!v.deviceId && (!v.serial || !v.productId)) ctx.addIssue({ code: "custom", path: ["deviceId"], message: "service.validation.device" });
  });

export const transitionInput = z.object({
  requestId: z.string(),
  to: z.enum(repairStatuses, { error: "service.validation.illegalTransition" }),
  comment: optionalText(1000),
  resolution: optionalText(2000),
});

export const diagnosisInput = z.object({
  requestId: z.string(),
  diagnosis: z.string({ error: "validation.required" }).trim().min(3, "validation.required").max(2000, "validation.tooLong"),
  quoteYuan: yuanToFenField,
  quoteNote: optionalText(500),
});

export const requestRefInput = z.object({ requestId: z.string(), comment: optionalText(1000) });

export const rateInput = z.object({
  requestId: z.string(),
  rating: strictNumber(z.number({ error: "service.validation.rating" }).int("service.validation.rating").min(1, "service.validation.rating").max(5, "service.validation.rating")),
  comment: optionalText(1000),
});

export const assignInput = z.object({ requestId: z.string(), stationId: z.string().min(1, "validation.required"), comment: optionalText(1000) });

export const priorityInput = z.object({ requestId: z.string(), priority: z.enum(repairPriorities, { error: "validation.required" }), comment: optionalText(1000) });

export const declineInput = z.object({
  requestId: z.string(),
  comment: z.string({ error: "service.validation.reasonRequired" }).trim().min(2, "service.validation.reasonRequired").max(1000, "validation.tooLong"),
});

export const usePartInput = z.object({
  requestId: z.string(),
  productId: z.string().min(1, "validation.required"),
  quantity: strictNumber(z.number({ error: "validation.quantityPositive" }).int("validation.quantityPositive").min(1, "validation.quantityPositive").max(100, "validation.range")),
  faultySerial: serialText.optional().or(z.literal("").transform(() => undefined)),
  replacementSerial: serialText.optional().or(z.literal("").transform(() => undefined)),
});

export const submitClaimInput = z.object({ requestId: z.string(), labourYuan: yuanText, note: optionalText(1000) });

export const decideClaimInput = z
  .object({
    claimId: z.string(),
    /** The request whose page the decision comes from: a claim of another request is not found there. */
    requestId: z.string().optional(),
    decision: z.enum(["approve", "adjust", "reject"], { error: "validation.required" }),
    approvedYuan: yuanToFenField,
    comment: optionalText(1000),
  })
  .superRefine((v, ctx) => {
    if (v.decision === "adjust" && v.approvedYuan === undefined) ctx.addIssue({ code: "custom", path: ["approvedYuan"], message: "validation.required" });
    if (v.decision !== "approve" && !v.comment) ctx.addIssue({ code: "custom", path: ["comment"], message: "service.validation.reasonRequired" });
  });

export const settleInput = z.object({
  stationId: z.string().min(1, "validation.required"),
  period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "validation.invalid"),
});

export const warrantyCheckInput = z.object({
  requestId: z.string(),
  warrantyStatus: z.enum(["in_warranty", "expired"], { error: "validation.required" }),
  comment: z.string({ error: "service.validation.reasonRequired" }).trim().min(2, "service.validation.reasonRequired").max(1000, "validation.tooLong"),
});
