import { currentPeriod, targetImportColumns } from "@cs/domain";
import { csvResponse, domainCtx, xlsxResponse, searchParamsObject, serverT, guarded } from "@cs/web/server";
import type { Route } from "./+types/targets-template";

/** The import template: the header in the user's language and two example rows. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  // Like every back-office page, staff only: the authorization matrix found it open to anyone.
  domainCtx(context, request);
  const t = serverT(context);
  const header = targetImportColumns.map((c) => t(`channel.import.columns.${c}`));
  const rows = [
    ["DL-0001", "quarter", currentPeriod("quarter"), "", "500000.00"],
    ["DL-0001", "month", currentPeriod("month"), "", "180000.00"],
  ];
  if (searchParamsObject(request).format === "xlsx") return xlsxResponse("targets-template", t("channel.tabs.targets"), header, rows);
  return csvResponse("targets-template", header, rows);
});
