import { readFile } from "node:fs/promises";
import { getFundClaimFile } from "@cs/domain";
import { domainCtx, loaderError, guarded } from "@cs/web/server";
import { uploadStore } from "../service/uploads.server";
import type { Route } from "./+types/file";

/** A proof file of the partner's own claim, served with its sniffed type and no sniffing by the browser. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    const file = await getFundClaimFile(domainCtx(context, request), uploadStore(), params.id, params.fileId);
    return new Response(new Uint8Array(await readFile(file.path)), {
      headers: { "Content-Type": file.mime, "Content-Length": String(file.sizeBytes), "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
    });
  } catch (error) {
    loaderError(error);
  }
});
