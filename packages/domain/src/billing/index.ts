export * from "./vat";
