export * from "./access";
export * from "./inputs";
export * from "./save";
export * from "./publish";
export * from "./search";
export * from "./from-request";
