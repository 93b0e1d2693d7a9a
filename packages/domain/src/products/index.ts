export * from "./list";
export * from "./save";
