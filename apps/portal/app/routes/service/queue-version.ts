import { stationQueueVersion } from "@cs/domain";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/queue-version";

/**
 * The live queue's poll: the page sends the version it shows (If-None-Match) and gets 304 from one
 * index-only lookup while nothing changed, or the new version, upon which it reloads the list.
 */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const version = await stationQueueVersion(domainCtx(context, request));
  const etag = `"${version}"`;
  const headers = { ETag: etag, "Cache-Control": "private, no-cache" };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return Response.json({ version }, { headers });
});
