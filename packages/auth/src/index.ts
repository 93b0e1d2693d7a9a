export * from "./context";
export * from "./headers";
export { MAX_FAILURES, WINDOW_MINUTES } from "./throttle";
