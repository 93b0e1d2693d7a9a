import { readFile } from "node:fs/promises";
import path from "node:path";
import { serverEnv } from "@cs/auth/server";
import { MAX_UPLOAD_BYTES, ValidationError, type UploadedFile, type UploadStore } from "@cs/domain";

/** Where uploaded photos, proofs and receipts live: UPLOADS_DIR (default .data/uploads), never the web root. */
export function uploadStore(): UploadStore {
  return { dir: path.resolve(serverEnv().UPLOADS_DIR) };
}

/**
 * The files posted under `name`, read into memory: one over `limit` (photos' by default; proofs of
 * marketing claims allow more) is refused by its declared size before its bytes are read; the
 * domain checks type (magic bytes), size and count again.
 */
export async function filesOf(form: FormData, name: string, limit = { bytes: MAX_UPLOAD_BYTES, message: "service.validation.fileTooLarge" }): Promise<UploadedFile[]> {
  const files = form.getAll(name).filter((v): v is File => v instanceof File && v.size > 0);
  if (files.some((f) => f.size > limit.bytes)) throw new ValidationError({ [name]: [limit.message] }, limit.message);
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}

/** A stored upload the domain found in the actor's scope, served with its sniffed type and no sniffing by the browser. */
export async function storedFileResponse(file: { path: string; mime: string; sizeBytes: number }) {
  return new Response(new Uint8Array(await readFile(file.path)), {
    headers: { "Content-Type": file.mime, "Content-Length": String(file.sizeBytes), "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
  });
}
