export * from "./scope";
export * from "./quarter";
export * from "./pools";
export * from "./pools-queries";
export * from "./campaigns";
export * from "./campaign-status";
export * from "./campaigns-queries";
