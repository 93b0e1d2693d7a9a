export * from "./choose";
export * from "./resolve";
