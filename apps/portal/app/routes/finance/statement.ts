import { redirect } from "react-router";
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
    // A bad period goes back to the form, which shows the reason beside the dates the user typed.
    if (error instanceof ValidationError) throw redirect(`/finance?${new URLSearchParams({ from: String(query.from ?? ""), to: String(query.to ?? "") })}#statement`);
    loaderError(error);
  }
});
