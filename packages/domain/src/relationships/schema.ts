import { z } from "zod";
import { activityKinds } from "@cs/db/schema/relationships";
import { optionalText, requiredText, shanghaiDateTimeField, uuidField } from "../validation";

const optionalUuid = z.preprocess((v) => (v === "" ? undefined : v), uuidField.optional());

/** One contact with an account, entered in a few seconds; a follow-up time makes it a task too. */
export const activityInput = z.object({
  kind: z.enum(activityKinds, { error: "validation.required" }),
  occurredAt: shanghaiDateTimeField,
  contactId: optionalUuid,
  summary: requiredText(2000),
  outcome: optionalText(1000),
  nextStep: optionalText(200),
  followUpAt: shanghaiDateTimeField,
});
export type ActivityInput = z.output<typeof activityInput>;

export const taskInput = z
  .object({
    title: requiredText(200),
    dueAt: shanghaiDateTimeField,
    remindAt: shanghaiDateTimeField,
    assigneeId: optionalUuid,
  })
  .superRefine((v, ctx) => {
    if (!v.dueAt) ctx.addIssue({ code: "custom", path: ["dueAt"], message: "validation.required" });
    if (v.dueAt && v.remindAt && v.remindAt > v.dueAt) ctx.addIssue({ code: "custom", path: ["remindAt"], message: "relations.validation.remindAfterDue" });
  });
export type TaskInput = z.output<typeof taskInput>;

export const taskDoneInput = z.object({
  taskId: uuidField,
  done: z.enum(["true", "false"], { error: "validation.invalid" }).transform((v) => v === "true"),
});
