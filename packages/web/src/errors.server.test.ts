import { describe, expect, it } from "vitest";
import { createStaticHandler, isRouteErrorResponse, type LoaderFunction } from "react-router";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "@cs/domain";
import { actionError, guarded, loaderError, notFound } from "./errors.server";

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

/** One GET and one POST of `/` through React Router's own server-side handler, with the given loader and action. */
async function serve(loader: LoaderFunction, action: LoaderFunction = loader) {
  const handler = createStaticHandler([{ id: "root", path: "/", loader, action }]);
  const get = await handler.query(new Request("http://localhost/"));
  const post = await handler.query(new Request("http://localhost/", { method: "POST", body: new FormData() }));
  if (get instanceof Response || post instanceof Response) throw new Error("expected a rendered page, got a redirect");
  return { get: { status: get.statusCode, error: get.errors?.root }, post: { status: post.statusCode, error: post.errors?.root } };
}

describe("guarded: every route's loader and action", () => {
  it("turns a Forbidden thrown inside a loader or an action into the 404 page, where a bare loader gives a 500", async () => {
    const refused = async () => {
      throw new ForbiddenError("stock:read");
    };
    const wrapped = await serve(guarded(refused));
    for (const answer of [wrapped.get, wrapped.post]) {
      expect(answer.status).toBe(404);
      expect(isRouteErrorResponse(answer.error)).toBe(true);
      expect(answer.error).toMatchObject({ status: 404, data: { messageKey: "errors.notFound" } });
      expect(JSON.stringify(answer.error)).not.toContain("stock");
    }
    const bare = await serve(refused);
    expect(bare.get.status).toBe(500);
    expect(bare.get.error).toBeInstanceOf(ForbiddenError);
  });

  it("answers a missing thing and a refused one alike, also when the loader throws synchronously", async () => {
    const missing = await serve(guarded(async () => Promise.reject(new NotFoundError("location"))));
    const syncRefused = await serve(
      guarded((): never => {
        throw new ForbiddenError("stock:read");
      }),
    );
    expect(missing.get).toMatchObject({ status: 404, error: { status: 404, data: { messageKey: "errors.notFound" } } });
    expect(syncRefused.get).toEqual(missing.get);
  });

  it("returns what the loader returns, sync stays sync, and lets bugs, conflicts and validation errors through", async () => {
    expect(guarded((n: number) => n + 1)(1)).toBe(2);
    await expect(guarded(async (n: number) => n * 2)(4)).resolves.toBe(8);
    for (const error of [new TypeError("x is undefined"), new ConflictError(), new ValidationError({ q: ["validation.invalid"] })]) {
      await expect(guarded(async () => Promise.reject(error))()).rejects.toBe(error);
      expect(() =>
        guarded(() => {
          throw error;
        })(),
      ).toThrow(error);
    }
  });
});
