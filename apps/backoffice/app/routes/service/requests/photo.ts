import { readFile } from "node:fs/promises";
import path from "node:path";
import { serverEnv } from "@cs/auth/server";
import { getRepairAttachment } from "@cs/domain";
import { domainCtx, loaderError, guarded } from "@cs/web/server";
import type { Route } from "./+types/photo";

/** A request's photo for the service desk, from UPLOADS_DIR (outside the web root). */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    const file = await getRepairAttachment(domainCtx(context, request), { dir: path.resolve(serverEnv().UPLOADS_DIR) }, params.id, params.attachmentId);
    return new Response(new Uint8Array(await readFile(file.path)), {
      headers: { "Content-Type": file.mime, "Content-Length": String(file.sizeBytes), "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
    });
  } catch (error) {
    loaderError(error);
  }
});
