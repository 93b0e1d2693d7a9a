export * from "./by-product";
export * from "./by-location";
export * from "./locations";
export * from "./moves";
export * from "./low-stock";
export * from "./partner-stock";
export { partnerLocationKinds } from "./shared";
export * from "./serials";
