import { expect } from "vitest";
import { DomainError, ValidationError, type FieldErrors } from "../shared/errors";

/** Awaits `promise`, expecting a DomainError with this code and/or these field messages. Test-only. */
export async function expectDomainError(promise: Promise<unknown>, expected: { code?: string; fields?: FieldErrors }) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected a DomainError").toBeInstanceOf(DomainError);
  if (expected.code) expect((error as DomainError).code).toBe(expected.code);
  if (expected.fields) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual(expected.fields);
  }
}
