import { getRebateStatement, shanghaiToday } from "@cs/domain";
import { rebateStatementFile } from "@cs/domain/rebates/rebate-statement-files";
import { domainCtx, searchParamsObject, serverT, guarded, fileResponse } from "@cs/web/server";
import type { Route } from "./+types/file";

/** GET /rebates/:id/file?format=pdf|xlsx — an own published or settled statement as a download. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const format = searchParamsObject(request).format === "xlsx" ? "xlsx" : "pdf";
  const detail = await getRebateStatement(domainCtx(context, request), params.id);
  const t = serverT(context);
  const file = await rebateStatementFile(detail, format, (k, v) => t(k, v), shanghaiToday());
  return fileResponse(file);
});
