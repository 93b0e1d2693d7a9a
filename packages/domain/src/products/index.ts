export * from "./list";
export * from "./save";
export * from "./product-lines";
