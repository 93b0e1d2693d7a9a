import { getFundClaimFile } from "@cs/domain";
import { domainCtx, guarded, storedFileResponse, uploadStore } from "@cs/web/server";
import type { Route } from "./+types/fund-file";

/** A claim's proof file for staff who may see the application. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return await storedFileResponse(await getFundClaimFile(domainCtx(context, request), uploadStore(), params.id, params.fileId));
});
