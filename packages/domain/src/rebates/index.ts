export * from "./statements-queries";
