/** Line rows a call-off or sell-out form shows at first, and at most ("more lines" adds 5). */
export const DEFAULT_ROWS = 5;
export const MAX_ROWS = 50;
