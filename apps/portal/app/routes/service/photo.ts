import { getRepairAttachment } from "@cs/domain";
import { domainCtx, guarded, storedFileResponse, uploadStore } from "@cs/web/server";
import type { Route } from "./+types/photo";

/** A request's photo, for those who may see the request. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return await storedFileResponse(await getRepairAttachment(domainCtx(context, request), uploadStore(), params.id, params.attachmentId));
});
