export * from "./portal-home";
