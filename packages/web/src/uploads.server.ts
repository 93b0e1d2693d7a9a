import { readFile } from "node:fs/promises";
import path from "node:path";
import { serverEnv } from "@cs/auth/server";
import { MAX_UPLOAD_BYTES, PRODUCT_IMAGE_WIDTHS, productImageSize, ValidationError, type Ctx, type UploadedFile, type UploadStore } from "@cs/domain";

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

/**
 * One size of a product picture (`?w=` one of PRODUCT_IMAGE_WIDTHS, the middle one by default). A
 * new upload is a new id, so a URL always means the same bytes: the browser keeps it for a year
 * without asking again; `private` because who may see it depends on the signed-in user.
 */
export async function productImageResponse(ctx: Ctx, request: Request, imageId: string) {
  const asked = new URL(request.url).searchParams.get("w");
  const width = asked === null ? PRODUCT_IMAGE_WIDTHS[1] : Number(asked);
  const image = await productImageSize(ctx, imageId, width);
  return new Response(new Uint8Array(image.bytes), {
    headers: {
      "Content-Type": image.contentType,
      "Content-Length": String(image.bytes.length),
      "Cache-Control": "private, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
