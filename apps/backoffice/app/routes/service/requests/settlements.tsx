import { listSettlements } from "@cs/domain";
import { SettlementsView } from "@cs/web";
import { domainCtx, loaderError, guarded } from "@cs/web/server";
import type { Route } from "./+types/settlements";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  try {
    return { rows: await listSettlements(domainCtx(context, request)) };
  } catch (error) {
    loaderError(error);
  }
});

export default function Settlements({ loaderData }: Route.ComponentProps) {
  return <SettlementsView rows={loaderData.rows} />;
}
