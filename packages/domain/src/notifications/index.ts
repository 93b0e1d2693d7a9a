export * from "./notify";
