/** Field messages are translation keys; the app translates them. */
export type FieldErrors = Record<string, string[]>;

export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Out of scope and nonexistent look the same to the caller. */
export class NotFoundError extends DomainError {
  constructor(entity = "resource") {
    super("errors.notFound", `${entity} not found`);
  }
}

export class ForbiddenError extends DomainError {
  constructor(action = "") {
    super("errors.forbidden", `not allowed: ${action}`);
  }
}

export class ConflictError extends DomainError {
  constructor(messageKey = "errors.conflict") {
    super(messageKey, messageKey);
  }
}

export class ValidationError extends DomainError {
  constructor(
    readonly fieldErrors: FieldErrors,
    messageKey = "errors.validation",
    /** Values the translated messages interpolate (figures already formatted, e.g. `¥1,234.00`). */
    readonly params?: Record<string, string>,
  ) {
    super(messageKey, messageKey);
  }
}
