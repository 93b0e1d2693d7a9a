import { ValidationError } from "../shared/errors";
import { sniffImage, type UploadedFile } from "../service/uploads";

/** A claim's proof may be larger than a repair photo (a scanned invoice bundle). */
export const MAX_PROOF_BYTES = 10 * 1024 * 1024;
export const MAX_PROOF_FILES = 10;

/** PDF or an image, by what the bytes say (the repair photos' check, plus `%PDF-`). */
export function sniffProof(b: Uint8Array) {
  const image = sniffImage(b);
  if (image) return image;
  if (b.length >= 5 && String.fromCharCode(...b.subarray(0, 5)) === "%PDF-") return { mime: "application/pdf" as const, ext: "pdf" };
  return null;
}

/** Checks every proof file (type by magic bytes, size, count); nothing is written. */
export function checkProofFiles(files: UploadedFile[], field: string) {
  const real = files.filter((f) => f.bytes.length > 0);
  if (real.length > MAX_PROOF_FILES) throw new ValidationError({ [field]: ["marketing.errors.tooManyFiles"] });
  return real.map((f) => {
    if (f.bytes.length > MAX_PROOF_BYTES) throw new ValidationError({ [field]: ["marketing.errors.fileTooLarge"] });
    const kind = sniffProof(f.bytes);
    if (!kind) throw new ValidationError({ [field]: ["marketing.errors.fileType"] });
    return { ...f, ...kind, originalName: f.name.replace(/[\\/]/g, "_").slice(0, 200) || "proof" };
  });
}
