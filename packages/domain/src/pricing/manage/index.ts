export * from "./schema";
export * from "./price-lists";
export * from "./contracts";
export * from "./promotions";
export * from "./check";
