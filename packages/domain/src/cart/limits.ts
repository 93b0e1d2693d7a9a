/** A cart, a quick order and a template hold at most this many lines (the bad-input rule). */
export const MAX_CART_LINES = 500;
/** Far above any real order line; keeps sums well inside PostgreSQL's integer. */
export const MAX_LINE_QUANTITY = 99_999;
