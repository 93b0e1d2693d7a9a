/** Rows of the "set product prices" form: the base price and up to four volume breaks. */
export const BREAK_ROWS = 5;
