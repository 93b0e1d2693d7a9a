export * from "./context";
export * from "./headers";
export { hashPassword, verifyPassword } from "./password";
export { MAX_FAILURES, WINDOW_MINUTES } from "./throttle";
