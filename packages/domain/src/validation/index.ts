export * from "./credit-code";
export * from "./phone";
export * from "./fields";
export * from "./tax";
