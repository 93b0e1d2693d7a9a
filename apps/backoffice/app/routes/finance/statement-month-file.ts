import { accountStatementFile } from "@cs/domain/billing/statement-files";
import { domainCtx, fileResponse, guarded, serverT } from "@cs/web/server";
import type { Route } from "./+types/statement-month-file";

/** GET /finance/statements/:id/file?format=pdf|xlsx — a partner's monthly statement in the user's branches (frozen once confirmed). */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const format = new URL(request.url).searchParams.get("format") === "xlsx" ? "xlsx" : "pdf";
  return fileResponse(await accountStatementFile(ctx, params.id, format, serverT(context)));
});
