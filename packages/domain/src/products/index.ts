export * from "./list";
