import { redirect } from "react-router";
import { ValidationError, statementOfAccount } from "@cs/domain";
import { statementFile } from "@cs/domain/billing/statement-files";
import { domainCtx, loaderError, searchParamsObject, serverT, guarded, fileResponse } from "@cs/web/server";
import type { Route } from "./+types/statement";

/** GET /finance/partners/:organizationId/statement?format=pdf|xlsx&from=&to= — the file, streamed as a download. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = searchParamsObject(request);
  const format = query.format === "xlsx" ? "xlsx" : "pdf";
  try {
    const statement = await statementOfAccount(ctx, params.organizationId, query);
    const file = await statementFile(statement, format, serverT(context));
    return fileResponse(file);
  } catch (error) {
    // Only a hand-edited link carries a bad period (the pages offer none): back to the aging list, not raw JSON.
    if (error instanceof ValidationError) throw redirect("/finance/aging");
    loaderError(error);
  }
});
