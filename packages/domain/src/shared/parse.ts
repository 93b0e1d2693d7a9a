import type { z } from "zod";
import { ValidationError } from "./errors";
import { emptyRecord } from "./keys";

/** zod issues become field messages (translation keys) on a ValidationError. */
export function parseInput<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const fields = emptyRecord<string[]>();
  for (const issue of result.error.issues) {
    const key = issue.path.map(String).join(".") || "form";
    (fields[key] ??= []).push(issue.message);
  }
  throw new ValidationError(fields);
}

/**
 * The shape PostgreSQL's uuid type accepts in our ids. Ids from URLs and hidden fields are checked
 * with it first, so a tampered one is "not found" instead of a failed cast.
 */
export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
