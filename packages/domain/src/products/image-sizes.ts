import sharp from "sharp";

import { PRODUCT_IMAGE_WIDTHS } from "./image-widths";

/** Pictures larger than this many pixels are refused before decoding (a small file can decode to gigabytes). */
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * The stored sizes of one picture (docs/decisions/035): turned upright by its EXIF orientation,
 * fitted whole (never cropped) into a white square, metadata dropped, as WebP. Shared by the upload
 * verb and the demo seed. Throws when the bytes do not decode as an image.
 */
export async function renderProductImageSizes(input: Uint8Array) {
  const source = sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).rotate();
  return Promise.all(
    PRODUCT_IMAGE_WIDTHS.map(async (width) => {
      const bytes = await source
        .clone()
        .resize(width, width, { fit: "contain", background: "#ffffff" })
        .flatten({ background: "#ffffff" })
        .webp({ quality: 80 })
        .toBuffer();
      return { width, height: width, bytes: new Uint8Array(bytes) };
    }),
  );
}
