import type { Widen } from "../shape";
import type { zhCN } from "./parts.zh-CN";

export const en: Widen<typeof zhCN> = {
  nav: "Spare parts",
  title: "Spare parts",
  intro: "The parts in this station's parts store (including ours consigned to it) and the minimums the station admin keeps; parts with less free than their minimum come first and are marked.",
  lowOnly: "Below minimum only",
  all: "All parts",
  empty: "The parts store holds no parts and has no minimums.",
  emptyLow: "No part is below its minimum.",
  columns: { sku: "SKU", part: "Part", onHand: "On hand", free: "Free", minimum: "Minimum", state: "State" },
  low: "Below minimum",
  ok: "Enough",
  noMinimum: "Not set",
  minimumOf: "Minimum of {{sku}}",
  save: "Save",
  saved: "Minimum of {{sku}} saved.",
  removed: "Minimum of {{sku}} removed.",
  addTitle: "Set a minimum for another part",
  addHint: "Leave the minimum blank to remove it.",
  fields: { sku: "SKU", minimum: "Minimum" },
  errors: { unknownSku: "No product on sale has this SKU" },
};
