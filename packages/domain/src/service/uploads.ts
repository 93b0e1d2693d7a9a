import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ValidationError } from "../shared/errors";

/** A file from a form, already read (the app refuses bodies over the limit before reading). */
export type UploadedFile = { name: string; bytes: Uint8Array };

/** Where uploads live: a directory outside the web root (.data/uploads by default). */
export type UploadStore = { dir: string };

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

export type StoredFile = { storedPath: string; originalName: string; mime: string; sizeBytes: number };

/**
 * Writes checked files under `<dir>/<folder>/<uuid>.<ext>` (a name we choose, never the user's) and
 * returns their paths relative to the store; `discard` removes them when the transaction fails.
 */
export async function storeFiles(store: UploadStore, folder: string, files: { bytes: Uint8Array; ext: string; mime: string; originalName: string }[]) {
  const stored: StoredFile[] = [];
  const discard = () => Promise.all(stored.map((s) => rm(path.join(store.dir, s.storedPath), { force: true }))).then(() => undefined);
  try {
    await mkdir(path.join(store.dir, folder), { recursive: true });
    for (const f of files) {
      const storedPath = path.posix.join(folder, `${randomUUID()}.${f.ext}`);
      await writeFile(path.join(store.dir, storedPath), f.bytes, { flag: "wx" });
      stored.push({ storedPath, originalName: f.originalName, mime: f.mime, sizeBytes: f.bytes.length });
    }
  } catch (e) {
    await discard();
    throw e;
  }
  return { stored, discard };
}

/** Absolute path of a stored file; refuses anything that would leave the store. */
export function resolveStored(store: UploadStore, storedPath: string) {
  const root = path.resolve(store.dir);
  const full = path.resolve(root, storedPath);
  if (!full.startsWith(root + path.sep)) throw new ValidationError({ file: ["validation.invalid"] });
  return full;
}
