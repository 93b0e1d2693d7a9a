export * from "./scope";
export * from "./quarter";
export * from "./pools";
export * from "./pools-queries";
