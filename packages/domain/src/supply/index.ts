export * from "./routes";
export * from "./fulfil";
