import { describe, expect, it } from "vitest";
import { refuseHostileInput } from "./request-input";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

function outcome(run: () => void): { status?: number; messageKey?: string } | "passed" {
  try {
    run();
    return "passed";
  } catch (thrown) {
    const { init, data } = thrown as { init?: ResponseInit; data?: { messageKey?: string } };
    return { status: init?.status, messageKey: data?.messageKey };
  }
}

describe("refuseHostileInput", () => {
  it("lets ordinary text through, including Chinese, tabs and line breaks", () => {
    expect(outcome(() => refuseHostileInput(new URLSearchParams("q=联想 ThinkPad&page=2"), form([["notes", "第一行\r\n第二行\t尾"]])))).toBe("passed");
  });

  it.each(["q=%00", "q=abc%00def", "q=%07", "%00=1"])("refuses the search %s with a translated 400", (query) => {
    expect(outcome(() => refuseHostileInput(new URLSearchParams(query), null))).toEqual({ status: 400, messageKey: "errors.controlCharacter" });
  });

  it.each([["name", "张\u0000三"], ["notes", "\u001b[31m"], ["x", "\u007f"]] as [string, string][])("refuses the field %s=%j", (name, value) => {
    expect(outcome(() => refuseHostileInput(new URLSearchParams(), form([[name, value]])))).toEqual({ status: 400, messageKey: "errors.controlCharacter" });
  });

  it.each(["__proto__.allScopes", "constructor.prototype.x", "coveredSerials.__proto__.0"])("refuses the field name %s", (name) => {
    expect(outcome(() => refuseHostileInput(new URLSearchParams(), form([[name, "1"]])))).toEqual({ status: 400, messageKey: "errors.fieldName" });
    expect(outcome(() => refuseHostileInput(new URLSearchParams(`${name}=1`), null))).toEqual({ status: 400, messageKey: "errors.fieldName" });
  });

  it("leaves files alone: their bytes are not text", () => {
    const f = form([["name", "ok"]]);
    f.append("photo", new File([new Uint8Array([0, 1, 2])], "a.jpg"));
    expect(outcome(() => refuseHostileInput(new URLSearchParams(), f))).toBe("passed");
  });
});
