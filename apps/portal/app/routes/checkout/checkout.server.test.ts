import { describe, expect, it } from "vitest";
import { readCheckout, readCoveredSerials } from "./checkout.server";

const form = (entries: [string, string][]) => {
  const f = new FormData();
  for (const [k, v] of entries) f.append(k, v);
  return f;
};

describe("readCheckout", () => {
  const base: [string, string][] = [
    ["_key", "k-12345678"],
    ["shipToAddressId", "a"],
    ["poNumber", "PO-1"],
    ["changeToken", "p1:100:in_stock"],
    ["changeToken", "p2:200:low"],
  ];

  it("sends the shown changes' tokens only when the buyer ticked the confirmation", () => {
    expect(readCheckout(form(base)).acceptedChanges).toEqual([]);
    expect(readCheckout(form([...base, ["acceptChanges", "yes"]])).acceptedChanges).toEqual(["p1:100:in_stock", "p2:200:low"]);
  });

  it("passes the fields through and never lines or prices from the client", () => {
    const read = readCheckout(form([...base, ["lines", "x"], ["unitPriceFen", "1"]]));
    expect(read).toEqual({ _key: "k-12345678", shipToAddressId: "a", requestedDate: undefined, poNumber: "PO-1", notes: undefined, acceptedChanges: [], coveredSerials: {} });
  });
});

describe("readCoveredSerials", () => {
  it("groups the extended-warranty serials per product in unit order, keeping a blank unit blank", () => {
    const read = readCoveredSerials(
      form([
        ["coveredSerials.p1.1", "SN-B"],
        ["coveredSerials.p1.0", "SN-A"],
        ["coveredSerials.p2.1", "SN-C"],
        ["coveredSerials.p3", "ignored"],
        ["coveredSerials.p4.x", "ignored"],
      ]),
    );
    expect(read).toEqual({ p1: ["SN-A", "SN-B"], p2: ["", "SN-C"] });
  });
});
