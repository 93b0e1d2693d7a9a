export * from "./browse";
export * from "./search";
