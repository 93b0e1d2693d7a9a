import { globalSearch } from "@cs/domain";
import { SearchResultsView } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/search";

/** GET /search?q= — the header's search: a few of each kind the user may open. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return globalSearch(domainCtx(context, request), new URL(request.url).searchParams.get("q"));
});

export default function Search({ loaderData }: Route.ComponentProps) {
  return <SearchResultsView app="portal" results={loaderData} />;
}
