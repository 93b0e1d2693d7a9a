export * from "./notify";
export * from "./keys";
export * from "./inbox";
export * from "./order-events";
