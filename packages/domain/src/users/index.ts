export * from "./actor";
export * from "./register";
export * from "./preferences";
export { maskLogin } from "./login-code";
export * from "./verify-login";
