export * from "./sales-query";
export * from "./sales";
export * from "./sales-lines";
export * from "./channel";
