export * from "./notify";
export * from "./keys";
