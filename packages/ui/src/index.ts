export * from "./cn";
export * from "./controls";
export * from "./app-shell";
export * from "./data-table";
export * from "./money";
export * from "./format";
export * from "./figure";
export * from "./filter-bar";
