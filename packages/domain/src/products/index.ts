export * from "./list";
export * from "./save";
export * from "./product-lines";
export * from "./images";
export * from "./image-widths";
