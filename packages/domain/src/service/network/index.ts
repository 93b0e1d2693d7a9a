export * from "./inputs";
export * from "./stations";
export * from "./technicians";
export * from "./history";
export * from "./extended-warranty";
export * from "./contracts";
