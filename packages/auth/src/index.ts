export * from "./context";
export * from "./headers";
export { ACCOUNT_CEILING, IP_MAX_FAILURES, PAIR_MAX_FAILURES, WINDOW_MINUTES } from "./throttle";
