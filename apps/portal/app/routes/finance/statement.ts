import { data } from "react-router";
import { ValidationError, statementOfAccount } from "@cs/domain";
import { statementFile } from "@cs/domain/billing/statement-files";
import { domainCtx, loaderError, searchParamsObject, serverT, guarded, fileResponse } from "@cs/web/server";
import type { Route } from "./+types/statement";

/** GET /finance/statement?format=pdf|xlsx&from=&to= — the partner's own statement, as a download. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = searchParamsObject(request);
  const format = query.format === "xlsx" ? "xlsx" : "pdf";
  try {
    const statement = await statementOfAccount(ctx, ctx.actor.organizationId ?? "", query);
    const file = await statementFile(statement, format, serverT(context));
    return fileResponse(file);
  } catch (error) {
    // a period that ends before it starts: a plain 400 with the reason, not a server error
    if (error instanceof ValidationError) throw data({ messageKey: Object.values(error.fieldErrors)[0]?.[0] ?? error.code }, { status: 400 });
    loaderError(error);
  }
});
