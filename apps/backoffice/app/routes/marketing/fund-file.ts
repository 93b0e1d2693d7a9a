import path from "node:path";
import { readFile } from "node:fs/promises";
import { serverEnv } from "@cs/auth/server";
import { getFundClaimFile } from "@cs/domain";
import { domainCtx, loaderError, guarded } from "@cs/web/server";
import type { Route } from "./+types/fund-file";

/** A claim's proof file for staff who may see the application; served with its sniffed type. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    const file = await getFundClaimFile(domainCtx(context, request), { dir: path.resolve(serverEnv().UPLOADS_DIR) }, params.id, params.fileId);
    return new Response(new Uint8Array(await readFile(file.path)), {
      headers: { "Content-Type": file.mime, "Content-Length": String(file.sizeBytes), "Cache-Control": "private, max-age=3600", "X-Content-Type-Options": "nosniff" },
    });
  } catch (error) {
    loaderError(error);
  }
});
