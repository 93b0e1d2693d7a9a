import { describe, expect, it } from "vitest";
import { searchParamsObject } from "./params";

/** The loaders' reader of query strings. */

const read = (query: string, multi: string[] = []) => searchParamsObject(new Request(`http://portal.test/orders?${query}`), multi);

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (e) {
    return e as { data: unknown; init: ResponseInit | null };
  }
  throw new Error("expected a refusal");
}

describe("searchParamsObject", () => {
  it("keeps a parameter's first value, and every non-blank value of the multi ones", () => {
    const out = read("status=open&status=closed&branch=&division=a&division=&division=b", ["division"]);
    expect({ ...out }).toEqual({ status: "open", branch: "", division: ["a", "b"] });
    expect(Object.getPrototypeOf(out)).toBeNull();
  });

  it.each(["__proto__", "constructor", "prototype", "__proto__[admin]"])("refuses a parameter named %s with 400 instead of building anything", (name) => {
    expect(thrown(() => read(`page=2&${encodeURIComponent(name)}=1`))).toMatchObject({ data: { messageKey: "errors.fieldName" }, init: { status: 400 } });
  });
});
