export * from "./browse";
export * from "./search";
export * from "./product";
