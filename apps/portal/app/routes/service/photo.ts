import { readFile } from "node:fs/promises";
import { getRepairAttachment } from "@cs/domain";
import { domainCtx, loaderError, guarded } from "@cs/web/server";
import type { Route } from "./+types/photo";
import { uploadStore } from "./uploads.server";

/** A request's photo, for those who may see the request; served with its sniffed type and no sniffing by the browser. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    const file = await getRepairAttachment(domainCtx(context, request), uploadStore(), params.id, params.attachmentId);
    return new Response(new Uint8Array(await readFile(file.path)), {
      headers: { "Content-Type": file.mime, "Content-Length": String(file.sizeBytes), "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
    });
  } catch (error) {
    loaderError(error);
  }
});
