import { describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@cs/domain";
import { actionError, loaderError, notFound } from "./errors.server";

/** What react-router's `data()` carries: the body and the response init. */
type Data = { data: unknown; init: ResponseInit | null };

/** The value `fn` returns or throws, as data(): the error page and the form answer look alike. */
function outcome(fn: () => unknown): { thrown: boolean; value: Data } {
  try {
    return { thrown: false, value: fn() as Data };
  } catch (e) {
    return { thrown: true, value: e as Data };
  }
}

const notFoundPage = { thrown: true, value: expect.objectContaining({ data: { messageKey: "errors.notFound" }, init: { status: 404 } }) };

describe("actionError", () => {
  it("gives a validation error back to the form with 400, keeping what was typed but no secrets or hostile names", () => {
    const form = new FormData();
    form.append("name", "华东经销商");
    form.append("_csrf", "token");
    form.append("_key", "k-1");
    form.append("password", "hunter2");
    form.append("__proto__.allScopes", "1");
    form.append("lines.0.constructor", "x");
    form.append("photo", new File([new Uint8Array([1])], "a.png"));
    const { thrown, value } = outcome(() => actionError(new ValidationError({ name: ["validation.required"] }), form));
    expect(thrown).toBe(false);
    expect(value.init).toEqual({ status: 400 });
    const body = value.data as { status: string; error: unknown; initialValue: Record<string, unknown> };
    expect(body.status).toBe("error");
    expect(body.error).toEqual({ name: ["validation.required"] });
    expect({ ...body.initialValue }).toEqual({ name: "华东经销商" });
    // the echoed values cannot reach Object.prototype, whatever was posted
    expect(Object.getPrototypeOf(body.initialValue)).toBeNull();
  });

  it("answers a conflict with 409 and its message on the form", () => {
    const { thrown, value } = outcome(() => actionError(new ConflictError("errors.staleVersion")));
    expect(thrown).toBe(false);
    expect(value.init).toEqual({ status: 409 });
    expect(value.data).toEqual({ status: "error", error: { form: ["errors.staleVersion"] }, initialValue: {} });
  });

  it("answers forbidden exactly as not found: a 404 page with no hint that the thing exists", () => {
    const forbidden = outcome(() => actionError(new ForbiddenError("order:approve")));
    const missing = outcome(() => actionError(new NotFoundError("order")));
    expect(forbidden).toEqual(notFoundPage);
    expect(forbidden).toEqual(missing);
    expect(JSON.stringify(forbidden.value.data)).not.toContain("order");
  });

  it("lets any other error through unchanged, to the 500 page", () => {
    const bug = new TypeError("x is undefined");
    expect(outcome(() => actionError(bug))).toEqual({ thrown: true, value: bug });
    const plain = new Error("unique_violation");
    expect(outcome(() => actionError(plain, new FormData()))).toEqual({ thrown: true, value: plain });
  });
});

describe("loaderError and notFound", () => {
  it("turn forbidden and not found into the same 404 page", () => {
    expect(outcome(() => loaderError(new ForbiddenError("invoice:read")))).toEqual(notFoundPage);
    expect(outcome(() => loaderError(new NotFoundError("invoice")))).toEqual(notFoundPage);
    expect(outcome(() => notFound())).toEqual(notFoundPage);
  });

  it("never turn a validation error, a conflict or a bug into a 404", () => {
    for (const error of [new ValidationError({ q: ["validation.invalid"] }), new ConflictError(), new RangeError("bad")]) {
      expect(outcome(() => loaderError(error))).toEqual({ thrown: true, value: error });
    }
  });
});
