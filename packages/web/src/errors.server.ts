import { data } from "react-router";
import { ConflictError, emptyRecord, ForbiddenError, isHostileFieldName, NotFoundError, ValidationError } from "@cs/domain";

export type FormResult = {
  status: "error";
  /** Translation keys per field; `form` holds messages that belong to no single field. */
  error: Record<string, string[]>;
  initialValue: Record<string, unknown>;
  /** Values the messages interpolate (a refused amount and the figures it was refused against). */
  params?: Record<string, string>;
};

function initialValue(form: FormData | undefined) {
  if (!form) return {};
  const out = emptyRecord<unknown>();
  for (const [k, v] of form.entries()) if (typeof v === "string" && !k.startsWith("_") && k !== "password" && !isHostileFieldName(k)) out[k] = v;
  return out;
}

/**
 * Maps a domain error thrown by an action: validation and conflicts go back to the form (400/409)
 * in conform's submission shape; not-found and forbidden become the error page. Anything else is a
 * bug and propagates to the 500 page.
 */
export function actionError(error: unknown, form?: FormData) {
  if (error instanceof ValidationError)
    return data<FormResult>({ status: "error", error: error.fieldErrors, initialValue: initialValue(form), ...(error.params ? { params: error.params } : {}) }, { status: 400 });
  if (error instanceof ConflictError)
    return data<FormResult>({ status: "error", error: { form: [error.code] }, initialValue: initialValue(form) }, { status: 409 });
  if (error instanceof NotFoundError) throw data({ messageKey: "errors.notFound" }, { status: 404 });
  if (error instanceof ForbiddenError) throw data({ messageKey: "errors.notFound" }, { status: 404 });
  throw error;
}

/** Loaders: out of scope and forbidden both answer 404, never a hint that the thing exists. */
export function loaderError(error: unknown): never {
  if (error instanceof NotFoundError || error instanceof ForbiddenError) throw data({ messageKey: "errors.notFound" }, { status: 404 });
  throw error;
}

/**
 * Every route's loader and action is written `export const loader = guarded(async function loader(…) {…})`
 * (lint refuses a bare one), so a refused or missing read answers the 404 page like every other route,
 * never a 500, even where the body forgets `loaderError`. Forms still catch with `actionError` to get
 * their validation answer; what they let through is mapped here. Sync stays sync, the type is unchanged.
 */
export function guarded<F extends (...args: never[]) => unknown>(fn: F): F {
  const wrapped = (...args: Parameters<F>) => {
    let result: unknown;
    try {
      result = fn(...args);
    } catch (error) {
      loaderError(error);
    }
    return result instanceof Promise ? result.catch(loaderError) : result;
  };
  return wrapped as F;
}

export function notFound(): never {
  throw data({ messageKey: "errors.notFound" }, { status: 404 });
}
