import type { z } from "zod";
import { ValidationError } from "./errors";

/** zod issues become field messages (translation keys) on a ValidationError. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields: Record<string, string[]> = {};
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fields[key] ??= []).push(issue.message);
  }
  throw new ValidationError(fields);
}
