import type { PricedKind } from "@cs/domain";

/**
 * The domain's `pricedKinds` for the browser: a value import of @cs/domain in a component would
 * pull the server code into the client bundle. Typed, so a kind the domain does not know fails.
 */
export const PRICED_KINDS: readonly PricedKind[] = ["master_distributor", "agent", "dealer", "key_account"];
