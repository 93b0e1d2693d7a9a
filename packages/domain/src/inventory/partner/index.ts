export * from "./availability";
export * from "./my-stock";
export * from "./my-moves";
export { partnerStockKinds } from "./scope";
export * from "./documents";
