export * from "./credit-code";
export * from "./phone";
export * from "./fields";
