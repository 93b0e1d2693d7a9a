import { ValidationError } from "./errors";

/** A file from a form, already read (the app refuses bodies over the limit before reading). */
export type UploadedFile = { name: string; bytes: Uint8Array };

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024;
export const MAX_UPLOADS = 5;

type ImageKind = { mime: "image/jpeg" | "image/png" | "image/webp"; ext: string };

/** The type is what the bytes say, not the name or the browser's claim. */
export function sniffImage(b: Uint8Array): ImageKind | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { mime: "image/jpeg", ext: "jpg" };
  if (b.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x)) return { mime: "image/png", ext: "png" };
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return { mime: "image/webp", ext: "webp" };
  return null;
}

/** Checks every file (type by magic bytes, size, count) and says which are wrong; nothing is written. */
export function checkImages(files: UploadedFile[], field: string, max = MAX_UPLOADS) {
  const real = files.filter((f) => f.bytes.length > 0);
  if (real.length > max) throw new ValidationError({ [field]: ["service.validation.tooManyFiles"] }, "service.validation.tooManyFiles");
  return real.map((f) => {
    if (f.bytes.length > MAX_UPLOAD_BYTES) throw new ValidationError({ [field]: ["service.validation.fileTooLarge"] }, "service.validation.fileTooLarge");
    const kind = sniffImage(f.bytes);
    if (!kind) throw new ValidationError({ [field]: ["service.validation.fileType"] }, "service.validation.fileType");
    return { ...f, ...kind, originalName: f.name.replace(/[\\/]/g, "_").slice(0, 200) || "upload" };
  });
}

