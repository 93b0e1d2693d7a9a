import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect } from "react-router";
import { countReassignable, listBranches, listOwnerCandidates, organizationListQuery, reassignAccountOwner } from "@cs/domain";
import { Button, Card, PageHeader, SelectField, buttonClass } from "@cs/ui";
import { FormAlert, type ActionResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, guarded, readForm, searchParamsObject } from "@cs/web/server";
import type { Route } from "./+types/reassign";

const multi = ["kind", "region", "tier", "status"];

/** Bulk reassignment of the account owner: every account the list's current filter matches. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const query = organizationListQuery.parse(searchParamsObject(request, multi));
  const [count, owners, branches] = await Promise.all([countReassignable(ctx, query), listOwnerCandidates(ctx), listBranches(ctx)]);
  return { count, owners, query, branchName: branches.find((b) => b.id === query.branch)?.name ?? null, formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const query = organizationListQuery.parse(searchParamsObject(request, multi));
  const form = await request.formData();
  try {
    const result = await reassignAccountOwner(ctx, query, readForm(form));
    const back = new URL(request.url).searchParams;
    back.set("done", "relations.owner.reassigned");
    back.set("changed", String(result.changed));
    return redirect(`/organizations?${back.toString()}`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function ReassignOwner({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const { count, owners, query } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const errors = result?.error.accountOwnerId?.map((k) => t(k)) ?? null;
  const filter = [
    query.q ? `“${query.q}”` : null,
    loaderData.branchName,
    ...query.kind.map((k) => t(`org.kinds.${k}`)),
    ...query.region.map((r) => t(`org.regions.${r}`)),
    ...query.tier.map((r) => t(`org.tiers.${r}`)),
    ...query.status.map((s) => t(`org.statuses.${s}`)),
    query.owner === "mine" ? t("relations.owner.mine") : query.owner === "none" ? t("relations.owner.unassigned") : query.owner ? (owners.find((o) => o.id === query.owner)?.name ?? null) : null,
  ].filter(Boolean);
  return (
    <>
      <PageHeader title={t("relations.owner.reassignTitle")} />
      <Card>
        <dl className="mb-4 text-sm">
          <dt className="text-xs text-slate-500">{t("relations.owner.reassignFilter")}</dt>
          <dd className="mt-0.5 text-slate-900">{filter.length ? filter.join(" · ") : t("common.all")}</dd>
        </dl>
        {count === 0 ? (
          <p className="text-slate-600">{t("relations.owner.reassignNone")}</p>
        ) : (
          <Form method="post" className="space-y-4">
            <FormKeys formKey={loaderData.formKey} />
            <input type="hidden" name="expected" value={count} />
            <FormAlert result={result} />
            <p className="text-slate-700">{t("relations.owner.reassignIntro", { count })}</p>
            <SelectField
              label={t("relations.owner.newOwner")}
              name="accountOwnerId"
              placeholder={t("relations.owner.none")}
              options={owners.map((o) => ({ value: o.id, label: o.name }))}
              errors={errors}
              className="max-w-sm"
            />
            <div className="flex gap-2">
              <Button>{t("relations.owner.reassignSubmit", { count })}</Button>
              <Link to="/organizations" className={buttonClass("ghost")}>
                {t("common.cancel")}
              </Link>
            </div>
          </Form>
        )}
      </Card>
    </>
  );
}
