export * from "./actor";
export * from "./register";
export * from "./preferences";
