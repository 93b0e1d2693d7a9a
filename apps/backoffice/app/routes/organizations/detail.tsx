import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { redirect } from "react-router";
import { Link, useSearchParams } from "react-router";
import {
  can,
  getCreditTerms,
  getOrganization,
  getOrganizationAudit,
  listActivities,
  listOrganizationTasks,
  listOwnerCandidates,
  listOrganizationShares,
  listParentCandidates,
  mayEditOrganization,
  mayWorkRelationships,
  moveOrganization,
  shanghaiDateTime,
  shanghaiToday,
  shareTargets,
} from "@cs/domain";
import { Alert, Badge, Card, PageHeader, buttonClass, formatMoney } from "@cs/ui";
import { AddressList, ContactList, type ActionResult } from "@cs/web";
import { actionError, contactIntent, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { AuditTrail } from "./audit-trail";
import { ChannelPlacement } from "./channel-placement";
import { CreditHoldPanel } from "../orders/credit-panel";
import { creditIntents, doneUrl, runCreditIntent } from "../orders/credit.server";
import { ActivityPanel, TaskPanel } from "../relationships/panels";
import { SharePanel } from "../relationships/share-panel";
import { relationshipIntents, runRelationshipIntent } from "../relationships/intents.server";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const work = mayWorkRelationships(ctx.actor);
  const mayShare = await mayEditOrganization(ctx, params.id);
  const [detail, audit, candidates, activities, tasks, assignees, shares, shareTo] = await Promise.all([
    getOrganization(ctx, params.id),
    getOrganizationAudit(ctx, params.id),
    can(ctx.actor, "organization:move") ? listParentCandidates(ctx, params.id) : Promise.resolve([]),
    listActivities(ctx, params.id, 20),
    listOrganizationTasks(ctx, params.id, 5),
    work ? listOwnerCandidates(ctx) : Promise.resolve([]),
    listOrganizationShares(ctx, params.id),
    mayShare ? shareTargets(ctx) : Promise.resolve({ users: [], branches: [], divisions: [] }),
  ]);
  // Finance's credit hold and backorder policy panel, for partners only.
  const creditTerms = can(ctx.actor, "credit:manage") && detail.organization.kind !== "branch" ? await getCreditTerms(ctx, params.id) : null;
  return {
    ...detail,
    audit,
    candidates,
    creditTerms,
    activities,
    tasks,
    assignees,
    shares,
    shareTo,
    today: shanghaiToday(),
    now: shanghaiDateTime(new Date()).slice(0, 16).replace(" ", "T"),
    formKey: randomUUID(),
    may: {
      work,
      edit: mayShare,
      share: mayShare,
      move: can(ctx.actor, "organization:move"),
      contacts: can(ctx.actor, "contact:manage"),
    },
  };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  if (form.get("intent") === "move") {
    try {
      await moveOrganization(ctx, params.id, readForm(form));
      return redirect(`/organizations/${params.id}?done=org.channel.moved`);
    } catch (error) {
      return actionError(error, form);
    }
  }
  if (relationshipIntents.has(String(form.get("intent")))) return runRelationshipIntent(ctx, params.id, form, `/organizations/${params.id}`);
  if (creditIntents.has(String(form.get("intent")))) {
    const back = doneUrl(`/organizations/${params.id}`);
    try {
      return await runCreditIntent(ctx, form, (done, extra) => back(`desk.done.${done === "heldConfirmed" ? "holdOff" : done}`, extra));
    } catch (error) {
      return actionError(error, form);
    }
  }
  return contactIntent(ctx, params.id, form, `/organizations/${params.id}`);
});

export default function OrganizationDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const { organization: org, may } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const intent = typeof result?.initialValue?.intent === "string" ? result.initialValue.intent : null;
  const done = params.get("done");
  const field = (label: string, value: React.ReactNode) => (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5 text-sm text-slate-900">{value || "—"}</dd>
    </div>
  );
  return (
    <div className="space-y-4">
      <PageHeader
        title={org.name}
        actions={
          <>
            <Link to={`/organizations/${org.id}/360`} className={buttonClass("secondary")}>
              {t("relations.c360.open")}
            </Link>
            {may.edit ? (
              <Link to={`/organizations/${org.id}/edit`} className={buttonClass("primary")}>
                {t("common.edit")}
              </Link>
            ) : null}
          </>
        }
      >
        <div className="mt-1 flex items-center gap-2 text-sm text-slate-600">
          <span>{org.code}</span>
          <Badge tone="blue">{t(`org.kinds.${org.kind}`)}</Badge>
          <Badge tone={org.status === "active" ? "green" : org.status === "on_hold" ? "amber" : "slate"}>{t(`org.statuses.${org.status}`)}</Badge>
        </div>
      </PageHeader>
      {done ? <Alert tone="success">{t(done)}</Alert> : null}
      <Card title={t("org.basics")}>
        <dl className="grid gap-4 sm:grid-cols-3 lg:grid-cols-4">
          {field(t("org.fields.taxId"), org.taxId)}
          {field(t("org.fields.shortName"), org.shortName)}
          {field(t("org.fields.branch"), loaderData.branch?.name)}
          {field(t("relations.owner.label"), loaderData.accountOwner?.name)}
          {field(t("org.fields.tier"), org.tier ? t(`org.tiers.${org.tier}`) : null)}
          {field(t("org.fields.region"), org.region ? t(`org.regions.${org.region}`) : null)}
          {field(t("org.fields.city"), [org.province, org.city].filter(Boolean).join(" "))}
          {field(t("org.fields.phone"), org.phone)}
          {field(t("org.fields.address"), org.address)}
          {field(t("org.fields.creditLimit"), formatMoney(org.creditLimitFen, i18n.language))}
          {field(t("org.fields.paymentTerms"), String(org.paymentTermsDays))}
        </dl>
      </Card>
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <ActivityPanel
          activities={loaderData.activities}
          contacts={loaderData.contacts}
          canLog={may.work}
          now={loaderData.now}
          formKey={loaderData.formKey}
          result={intent === "logActivity" ? result : undefined}
        />
        <TaskPanel tasks={loaderData.tasks} assignees={loaderData.assignees} canWork={may.work} formKey={`${loaderData.formKey}-t`} result={intent === "addTask" ? result : undefined} />
      </div>
      <SharePanel
        shares={loaderData.shares}
        targets={loaderData.shareTo}
        canShare={may.share}
        today={loaderData.today}
        formKey={`${loaderData.formKey}-s`}
        result={intent === "share" ? result : undefined}
      />
      <ChannelPlacement
        parent={loaderData.parent}
        history={loaderData.parentHistory}
        candidates={loaderData.candidates}
        canMove={may.move && loaderData.candidates.length > 0}
        result={intent === "move" ? result : undefined}
      />
      <ContactList contacts={loaderData.contacts} editable={may.contacts} result={intent === "saveContact" ? result : undefined} formKey={loaderData.formKey} />
      <AddressList addresses={loaderData.addresses} editable={may.contacts} result={intent === "saveAddress" ? result : undefined} formKey={loaderData.formKey} />
      {loaderData.creditTerms ? <CreditHoldPanel terms={loaderData.creditTerms} result={result} busy={false} /> : null}
      <AuditTrail entries={loaderData.audit} />
    </div>
  );
}
