import { randomUUID } from "node:crypto";
import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { ValidationError } from "../shared/errors";

/** Where uploads live: a directory outside the web root (.data/uploads by default). */
export type UploadStore = { dir: string };

// The check of an uploaded picture lives in shared/ (product pictures use it too); re-exported for service, billing and marketing.
export { MAX_UPLOAD_BYTES, MAX_UPLOADS, checkImages, sniffImage, type UploadedFile } from "../shared/images";

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
