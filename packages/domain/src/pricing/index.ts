export * from "./choose";
export * from "./resolve";
export * from "./manage";
