import { MAX_PROOF_BYTES, ValidationError, type UploadedFile } from "@cs/domain";

/**
 * The proof files posted under `name`, read into memory: one over the proof limit is refused by its
 * declared size before its bytes are read; the domain checks type (magic bytes), size and count again.
 */
export async function proofFilesOf(form: FormData, name: string): Promise<UploadedFile[]> {
  const files = form.getAll(name).filter((v): v is File => v instanceof File && v.size > 0);
  if (files.some((f) => f.size > MAX_PROOF_BYTES)) throw new ValidationError({ [name]: ["marketing.errors.fileTooLarge"] });
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
}
