/**
 * Document kinds and the statuses each workflow in packages/domain/src/inventory/documents moves
 * through, in workflow order (for the status filter). Browser-safe: no database imports.
 */
export const documentKinds = ["receipt", "transfer", "issue", "stocktake", "call_off", "sell_out"] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Staff create these here; call-offs and sell-out reports come from partners in the portal. */
export const creatableKinds = ["receipt", "transfer", "issue", "stocktake"] as const;
export type CreatableKind = (typeof creatableKinds)[number];

const statuses: Record<DocumentKind, readonly string[]> = {
  receipt: ["open", "partially_received", "received"],
  transfer: ["draft", "shipped", "partially_received", "received", "cancelled"],
  issue: ["pending_approval", "done", "rejected"],
  stocktake: ["counting", "pending_approval", "posted"],
  call_off: ["requested", "approved", "shipped", "rejected", "cancelled"],
  sell_out: ["posted"],
};

export function statusesOf(kind?: DocumentKind) {
  if (kind) return statuses[kind];
  return [...new Set(Object.values(statuses).flat())];
}

export const isCreatable = (kind: string | undefined): kind is CreatableKind => (creatableKinds as readonly string[]).includes(kind ?? "");
