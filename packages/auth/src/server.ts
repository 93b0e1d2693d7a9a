// Server-only entry: import from "@cs/auth/server" in *.server.ts modules and loaders/actions.
export * from "./env.server";
export * from "./db.server";
export * from "./session.server";
export * from "./sign-in.server";
export * from "./middleware.server";
export * from "./safe-redirect";
export * from "./account.server";
export * from "./throttle";
export * from "./context";
export { hashPassword, verifyPassword } from "./password";
export * from "./cookie-names";
