// No imports: the browser bundle reads these (the resizing itself, image-sizes.ts, stays on the server).

/** The square sizes (px a side) every product picture is kept in: a phone card, a desktop card or a 2x card, the detail page. */
export const PRODUCT_IMAGE_WIDTHS = [160, 320, 640] as const;
export type ProductImageWidth = (typeof PRODUCT_IMAGE_WIDTHS)[number];
/** The type of every stored size. */
export const PRODUCT_IMAGE_TYPE = "image/webp";
