export * from "./add";
export * from "./change";
export * from "./view";
export * from "./limits";
export * from "./quick-order";
export * from "./quick-order-parse";
export * from "./templates";
export { requireBuyer } from "./buyer";
