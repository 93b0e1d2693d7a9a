export * from "./portal-home";
export * from "./staff-home";
export * from "./search";
