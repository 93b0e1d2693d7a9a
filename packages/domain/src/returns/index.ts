export * from "./inputs";
export * from "./request";
export * from "./decide";
export * from "./receive";
export * from "./list";
export * from "./get";
export * from "./returnable";
