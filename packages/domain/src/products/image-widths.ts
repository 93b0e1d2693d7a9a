// Safe for the browser bundle: constants only (the resizing itself stays on the server).
export { PRODUCT_IMAGE_TYPE, PRODUCT_IMAGE_WIDTHS, type ProductImageWidth } from "@cs/db/product-image-widths";
