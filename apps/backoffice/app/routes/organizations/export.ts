import { exportOrganizations, fenToYuan, organizationListQuery } from "@cs/domain";
import { csvResponse, domainCtx, searchParamsObject, serverT, guarded } from "@cs/web/server";
import type { Route } from "./+types/export";

/** Streams every row matching the list's filters, not just the page on screen. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const t = serverT(context);
  const query = organizationListQuery.parse(searchParamsObject(request, ["kind", "region", "tier", "status"]));
  const header = ["code", "name", "kind", "branch", "parent", "taxId", "tier", "region", "province", "city", "phone", "creditLimit", "paymentTerms", "status"].map((k) =>
    t(`org.fields.${k}`),
  );
  async function* rows() {
    for await (const chunk of exportOrganizations(ctx, query)) {
      for (const r of chunk) {
        yield [
          r.code,
          r.name,
          t(`org.kinds.${r.kind}`),
          r.branchName ?? "",
          r.parentName ?? "",
          r.taxId ?? "",
          r.tier ? t(`org.tiers.${r.tier}`) : "",
          r.region ? t(`org.regions.${r.region}`) : "",
          r.province ?? "",
          r.city ?? "",
          r.phone ?? "",
          fenToYuan(r.creditLimitFen),
          String(r.paymentTermsDays),
          t(`org.statuses.${r.status}`),
        ];
      }
    }
  }
  return csvResponse("organizations", header, rows());
});
