import { expect } from "vitest";
import { ValidationError, type FieldErrors } from "@cs/domain/shared/errors";

/** Awaits `promise`, expecting a ValidationError, and returns its field messages. */
export async function fieldErrorsOf(promise: Promise<unknown>): Promise<FieldErrors> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected a ValidationError").toBeInstanceOf(ValidationError);
  return (error as ValidationError).fieldErrors;
}
