export * from "./ledger";
export * from "./reservation";
export * from "./availability";
export * from "./verify";
export * from "./partner";
export * from "./documents";
export * from "./views";
