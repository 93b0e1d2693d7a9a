import { useTranslation } from "@cs/i18n/react";
import { Link, useSearchParams } from "react-router";
import { can, listBranches, listOrganizations, listOwnerCandidates, organizationListQuery } from "@cs/domain";
import { organizationKinds, organizationStatuses, partnerTiers, regions } from "@cs/domain/shared/schema-vocabulary";
import { Alert, PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { FilterForm, PagedTable } from "@cs/web";
import { domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";
import { organizationColumns } from "./columns";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = organizationListQuery.parse(searchParamsObject(request, ["kind", "region", "tier", "status"]));
  const [page, branches, owners] = await Promise.all([listOrganizations(ctx, query), listBranches(ctx), listOwnerCandidates(ctx)]);
  return { page, query, branches, owners, canCreate: can(ctx.actor, "organization:create"), canReassign: can(ctx.actor, "account:assign") };
});

export default function OrganizationList({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const { page, query, branches, owners } = loaderData;
  const ownerOptions = [
    { value: "mine", label: t("relations.owner.mine") },
    { value: "none", label: t("relations.owner.unassigned") },
    ...owners.map((o) => ({ value: o.id, label: o.name })),
  ];
  const options = (values: readonly string[], prefix: string) => values.map((v) => ({ value: v, label: t(`${prefix}.${v}`) }));
  return (
    <>
      <PageHeader
        title={t("org.title")}
        actions={
          <>
            <a href={`/organizations/export.csv?${params.toString()}`} className={buttonClass("secondary")} download>
              {t("org.export")}
            </a>
            {loaderData.canReassign && page.total > 0 ? (
              <Link to={`/organizations/reassign?${params.toString()}`} className={buttonClass("secondary")}>
                {t("relations.owner.reassign")}
              </Link>
            ) : null}
            {loaderData.canCreate ? (
              <Link to="/organizations/new" className={buttonClass("primary")}>
                {t("org.new")}
              </Link>
            ) : null}
          </>
        }
      />
      {params.get("done") === "relations.owner.reassigned" ? (
        <Alert tone="success">{t("relations.owner.reassigned", { changed: Number(params.get("changed") ?? 0) })}</Alert>
      ) : null}
      <FilterForm resetTo="/organizations" sort={query.sort} dir={query.dir} size={query.size} className="sm:grid-cols-3 lg:grid-cols-8" actionsClassName="sm:col-span-3 lg:col-span-8">
        <TextField label={t("common.search")} name="q" type="search" defaultValue={query.q ?? ""} placeholder={t("org.searchPlaceholder")} className="sm:col-span-3 lg:col-span-2" />
        <SelectField label={t("org.fields.kind")} name="kind" defaultValue={query.kind[0] ?? ""} placeholder={t("common.all")} options={options(organizationKinds, "org.kinds")} />
        <SelectField label={t("org.fields.branch")} name="branch" defaultValue={query.branch ?? ""} placeholder={t("common.all")} options={branches.map((b) => ({ value: b.id, label: b.name }))} />
        <SelectField label={t("relations.owner.label")} name="owner" defaultValue={query.owner ?? ""} placeholder={t("common.all")} options={ownerOptions} />
        <SelectField label={t("org.fields.region")} name="region" defaultValue={query.region[0] ?? ""} placeholder={t("common.all")} options={options(regions, "org.regions")} />
        <SelectField label={t("org.fields.tier")} name="tier" defaultValue={query.tier[0] ?? ""} placeholder={t("common.all")} options={options(partnerTiers, "org.tiers")} />
        <SelectField label={t("org.fields.status")} name="status" defaultValue={query.status[0] ?? ""} placeholder={t("common.all")} options={options(organizationStatuses, "org.statuses")} />
      </FilterForm>
      <PagedTable caption={t("org.title")} columns={organizationColumns(t, i18n.language)} page={page} query={query} getRowId={(r) => r.id} />
    </>
  );
}
