import { afterEach, describe, expect, it } from "vitest";
import { readForm, readNestedForm, readSearchParams } from "./form-data.server";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

/** The names a crafted request uses to reach Object.prototype through a nested or flat reader. */
const hostileNames = [
  "__proto__.allScopes",
  "__proto__",
  "constructor.prototype.allScopes",
  "constructor",
  "prototype",
  "lines.0.__proto__.allScopes",
  "lines.__proto__",
  "coveredSerials.__proto__.0",
  "a[__proto__][b]",
];

const polluted = () =>
  Object.hasOwn(Object.prototype, "allScopes") || Object.hasOwn(Object.prototype, "0") || Object.hasOwn(Object.prototype, "b");

/** What a reader threw: React Router's `data()` (the 400 the action answers with), as status and body. */
function refusal(run: () => unknown): { status: number | undefined; data: unknown } {
  try {
    run();
  } catch (thrown) {
    const { init, data } = thrown as { init?: ResponseInit; data?: unknown };
    return { status: init?.status, data };
  }
  throw new Error("expected a refusal");
}

afterEach(() => {
  // Should a reader regress, the next test must not inherit its damage.
  for (const key of ["allScopes", "0", "b"]) delete (Object.prototype as Record<string, unknown>)[key];
});

describe.each([
  ["readForm", (f: FormData) => readForm(f)],
  ["readNestedForm", (f: FormData) => readNestedForm(f)],
])("%s with hostile field names", (_name, read) => {
  it.each(hostileNames)("refuses %s with a 400 and leaves Object.prototype alone", (name) => {
    expect(refusal(() => read(form([["ok", "1"], [name, "1"]])))).toEqual({ status: 400, data: { messageKey: "errors.fieldName" } });
    expect(polluted()).toBe(false);
    expect(({} as Record<string, unknown>).allScopes).toBeUndefined();
    expect(([] as unknown[])[0]).toBeUndefined();
  });
});

describe("readSearchParams", () => {
  it("reads parameters into an object without a prototype and refuses hostile names", async () => {
    const read = readSearchParams(new URLSearchParams("q=abc&page=2"));
    expect(Object.getPrototypeOf(read)).toBeNull();
    expect({ ...read }).toEqual({ q: "abc", page: "2" });
    expect(refusal(() => readSearchParams(new URLSearchParams("__proto__.x=1"))).status).toBe(400);
  });
});

describe("readForm", () => {
  it("keeps each field's last text value, without a prototype", () => {
    const read = readForm(form([["a", "1"], ["a", "2"], ["b", "x"]]));
    expect(Object.getPrototypeOf(read)).toBeNull();
    expect({ ...read }).toEqual({ a: "2", b: "x" });
  });

  it("leaves out files", () => {
    const f = form([["name", "x"]]);
    f.append("photo", new File(["x"], "a.jpg"));
    expect({ ...readForm(f) }).toEqual({ name: "x" });
  });
});

describe("readNestedForm", () => {
  it("nests dotted names into rows and drops the gaps a removed row leaves", () => {
    const read = readNestedForm(
      form([
        ["orderId", "o1"],
        ["lines.0.productId", "p1"],
        ["lines.0.quantity", "2"],
        ["lines.2.productId", "p3"],
        ["lines.2.serials.1", "SN-2"],
        ["meta.note", "hi"],
      ]),
    );
    expect(JSON.parse(JSON.stringify(read))).toEqual({
      orderId: "o1",
      lines: [{ productId: "p1", quantity: "2" }, { productId: "p3", serials: [null, "SN-2"] }],
      meta: { note: "hi" },
    });
    expect(Object.getPrototypeOf(read)).toBeNull();
    expect(Object.getPrototypeOf((read.lines as object[])[0])).toBeNull();
  });

  it.each([
    [["a", "1"], ["a.b", "2"]],
    [["a.b", "2"], ["a", "1"]],
    [["lines.0", "1"], ["lines.x", "2"]],
    [["lines.0.q", "1"], ["lines.99999.q", "1"]],
    [["a..b", "1"], ["x", "1"]],
  ] as [string, string][][])("refuses a crafted shape %j", (...entries) => {
    expect(refusal(() => readNestedForm(form(entries))).status).toBe(400);
  });
});
