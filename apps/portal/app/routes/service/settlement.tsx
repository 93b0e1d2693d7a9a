import { getSettlement } from "@cs/domain";
import { SettlementView } from "@cs/web";
import { domainCtx, loaderError, guarded } from "@cs/web/server";
import type { Route } from "./+types/settlement";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    return { s: await getSettlement(domainCtx(context, request), params.id) };
  } catch (error) {
    loaderError(error);
  }
});

export default function Settlement({ loaderData }: Route.ComponentProps) {
  return <SettlementView s={loaderData.s} />;
}
