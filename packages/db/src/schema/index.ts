export * from "./enums";
export * from "./organizations";
export * from "./contacts";
export * from "./users";
export * from "./products";
export * from "./audit";
export * from "./idempotency";
