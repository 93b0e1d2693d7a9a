import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useNavigation } from "react-router";
import { articlesForProduct, getRepairRequest, mayDraftKnowledge, resolvedRepairStatuses, serviceDeskOptions, shanghaiMonth, suggestStations } from "@cs/domain";
import { repairPriorities } from "@cs/domain/shared/schema-vocabulary";
import { Alert, Badge, Button, Card, Money, PageHeader, SelectField, TextAreaField, TextField, buttonClass, formatDate, formatDateTime } from "@cs/ui";
import { FormAlert, FormKeys, RelatedKnowledge, RepairClaimFacts, RepairPartsUsed, RepairPhotos, RepairStatusBadge, SlaClock, Timeline, useFieldErrors, WarrantyBadge, type ActionResult } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { runDeskAction } from "./actions.server";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getRepairRequest(ctx, params.id);
  const mayManage = ctx.actor.permissions.has("service:manage");
  const assignable = mayManage && detail.request.status === "submitted";
  const [suggestions, options, articles] = await Promise.all([
    assignable ? suggestStations(ctx, params.id) : Promise.resolve([]),
    assignable ? serviceDeskOptions(ctx) : Promise.resolve(null),
    articlesForProduct(ctx, detail.request.productId),
  ]);
  const mayDraft = mayDraftKnowledge(ctx.actor) && resolvedRepairStatuses.includes(detail.request.status) && Boolean(detail.request.resolution?.trim());
  const draftAction = mayDraft ? `/service/knowledge/from-request/${detail.request.id}` : null;
  return { ...detail, articles, draftAction, suggestions, stations: options?.stations ?? [], mayManage, assignable, now: Date.now(), month: shanghaiMonth(), formKey: randomUUID(), done: new URL(request.url).searchParams.get("done") };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  return runDeskAction(domainCtx(context, request), params.id, await request.formData());
});

/** A repair request for the service desk: assignment with suggestions, priority, escalation, desk steps, claims, timeline. */
export default function DeskRequest({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const d = loaderData;
  const r = d.request;
  const result = (actionData ?? undefined) as ActionResult;
  const errors = useFieldErrors(result);
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const busy = navigation.state === "submitting";
  const finished = ["returned", "closed", "cancelled"].includes(r.status);
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("service.requestTitle", { number: r.number })}
        actions={
          <div className="flex gap-2">
            <Link to={`/service/history?serial=${encodeURIComponent(r.serial)}`} className={buttonClass("secondary")}>
              {t("service.history.bySerial")}
            </Link>
            <Link to={`/service/history/customers/${r.endCustomerId}`} className={buttonClass("secondary")}>
              {t("service.history.byCustomer")}
            </Link>
            <Link to="/service/requests" className={buttonClass("ghost")}>
              {t("common.back")}
            </Link>
          </div>
        }
      >
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <RepairStatusBadge status={r.status} t={t} />
          <Badge tone={r.priority === "urgent" ? "red" : "slate"}>{t(`service.priorities.${r.priority}`)}</Badge>
          {r.escalated ? <Badge tone="red">{t("service.escalated")}</Badge> : null}
          <SlaClock due={r.slaDueAt} now={d.now} t={t} locale={locale} />
        </div>
      </PageHeader>
      {d.done ? <Alert tone="success">{t(`service.done.${d.done}`, { defaultValue: t("service.done.saved") })}</Alert> : null}
      <FormAlert result={result} />
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("service.details")} className="lg:col-span-2">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <dt className="text-slate-500">{t("service.fields.warranty")}</dt>
            <dd className="flex flex-wrap items-center gap-2">
              <WarrantyBadge status={r.warrantyStatus} t={t} />
              {t(r.warrantyReason, { endsOn: r.warrantyEndsOn ? formatDate(r.warrantyEndsOn, locale) : "—" })}
              {r.needsManualCheck ? <span className="text-amber-700">{t("service.manualCheck")}</span> : null}
            </dd>
            <dt className="text-slate-500">{t("service.device")}</dt>
            <dd>
              {localName(zh, d.product.nameZh, d.product.nameEn)} <span className="font-mono text-xs">{d.product.sku}</span> · <span className="font-mono text-xs">{r.serial}</span>
            </dd>
            <dt className="text-slate-500">{t("service.fields.symptoms")}</dt>
            <dd className="whitespace-pre-wrap">{r.symptoms}</dd>
            <dt className="text-slate-500">{t("service.fields.serviceMode")}</dt>
            <dd>
              {t(`service.modes.${r.serviceMode}`)} · {r.city}
              {r.pickupAddress ? ` · ${r.pickupAddress}` : ""}
            </dd>
            <dt className="text-slate-500">{t("service.fields.station")}</dt>
            <dd>{d.stationName ?? t("service.unassigned")}</dd>
            {d.filingOrgName ? (
              <>
                <dt className="text-slate-500">{t("service.fields.filedBy")}</dt>
                <dd>{d.filingOrgName}</dd>
              </>
            ) : null}
            <dt className="text-slate-500">{t("service.fields.createdAt")}</dt>
            <dd>{formatDateTime(r.createdAt, locale)}</dd>
            <dt className="text-slate-500">{t("service.sla.response")}</dt>
            <dd>{formatDateTime(r.responseDueAt, locale)}</dd>
            <dt className="text-slate-500">{t("service.sla.resolution")}</dt>
            <dd>{formatDateTime(r.resolutionDueAt, locale)}</dd>
            {r.diagnosis ? (
              <>
                <dt className="text-slate-500">{t("service.fields.diagnosis")}</dt>
                <dd className="whitespace-pre-wrap">{r.diagnosis}</dd>
              </>
            ) : null}
            {r.quoteAmountFen !== null ? (
              <>
                <dt className="text-slate-500">{t("service.quote.title")}</dt>
                <dd>
                  <Money fen={r.quoteAmountFen} locale={locale} /> · {t(`service.quote.statuses.${r.quoteStatus ?? "pending"}`)}
                </dd>
              </>
            ) : null}
            {r.rating ? (
              <>
                <dt className="text-slate-500">{t("service.fields.rating")}</dt>
                <dd>
                  {"★".repeat(r.rating)} {r.ratingComment}
                </dd>
              </>
            ) : null}
          </dl>
        </Card>
        {d.mayManage && !finished ? (
          <Card title={t("service.desk.changePriority")}>
            <Form method="post" className="space-y-3">
              <FormKeys formKey={d.formKey} intent="priority" />
              <SelectField label={t("service.fields.priority")} name="priority" defaultValue={r.priority} options={repairPriorities.map((p) => ({ value: p, label: t(`service.priorities.${p}`) }))} />
              <Button type="submit" variant="secondary" disabled={busy}>{t("service.desk.savePriority")}</Button>
            </Form>
            {!r.escalated ? (
              <Form method="post" className="mt-3">
                <FormKeys formKey={d.formKey} intent="escalate" />
                <Button type="submit" variant="danger" disabled={busy}>{t("service.desk.escalate")}</Button>
              </Form>
            ) : null}
          </Card>
        ) : null}
      </div>

      {d.mayManage && r.needsManualCheck ? (
        <Card title={t("service.desk.warrantyCheck")}>
          <p className="mb-2 text-xs text-slate-500">{t("service.desk.warrantyCheckHint")}</p>
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <FormKeys formKey={d.formKey} intent="warrantyCheck" />
            <TextField label={t("service.fields.comment")} name="comment" required errors={errors("comment")} className="sm:col-span-2" />
            <div className="flex items-end gap-2">
              <Button type="submit" name="warrantyStatus" value="in_warranty" disabled={busy}>{t("service.desk.confirmIn")}</Button>
              <Button type="submit" name="warrantyStatus" value="expired" variant="secondary" disabled={busy}>{t("service.desk.confirmOut")}</Button>
            </div>
          </Form>
        </Card>
      ) : null}

      {d.assignable ? (
        <Card title={d.request.stationId ? t("service.desk.reassign") : t("service.desk.assignTo")}>
          <p className="mb-2 text-xs text-slate-500">{t("service.desk.suggestionsHint")}</p>
          <ul className="mb-4 divide-y divide-slate-100 text-sm" aria-label={t("service.desk.suggestions")}>
            {d.suggestions.map((s) => (
              <li key={s.stationId} className="flex flex-wrap items-center gap-3 py-2">
                <span className="font-medium">{s.name}</span>
                <span className="text-slate-500">{s.city}</span>
                {s.sameCity ? <Badge tone="green">{t("service.desk.sameCity")}</Badge> : null}
                {s.skilled ? <Badge tone="blue">{t("service.desk.skilled")}</Badge> : null}
                <span className="text-xs text-slate-500">{t("service.desk.load", { open: s.openLoad, capacity: s.capacityPerDay })}</span>
                {s.stationId !== r.stationId ? (
                  <Form method="post" className="ml-auto">
                    <FormKeys formKey={d.formKey} intent="assign" />
                    <input type="hidden" name="stationId" value={s.stationId} />
                    <Button type="submit" disabled={busy} aria-label={`${t("service.desk.assign")} ${s.name}`}>
                      {t("service.desk.assign")}
                    </Button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <FormKeys formKey={d.formKey} intent="assign" />
            <SelectField
              label={t("service.fields.station")}
              name="stationId"
              required
              placeholder="—"
              options={d.stations.map((s) => ({ value: s.id, label: `${s.city ?? ""} · ${s.name}` }))}
              errors={errors("stationId")}
            />
            <TextField label={t("service.fields.comment")} name="comment" />
            <div className="self-end">
              <Button type="submit" variant="secondary" disabled={busy}>{t("service.desk.assign")}</Button>
            </div>
          </Form>
        </Card>
      ) : null}

      {d.nextSteps.length ? (
        <Card title={t("service.nextSteps")}>
          <Form method="post" className="space-y-3">
            <FormKeys formKey={d.formKey} />
            <TextAreaField label={t("service.fields.comment")} name="comment" rows={2} maxLength={1000} />
            <div className="flex flex-wrap gap-2">
              {d.nextSteps.map((to) => (
                <Button key={to} type="submit" name="to" value={to} variant={to === "cancelled" ? "danger" : "primary"} disabled={busy}>
                  {t(`service.actions.${to}`)}
                </Button>
              ))}
            </div>
          </Form>
        </Card>
      ) : null}

      <RepairPhotos requestId={r.id} photos={d.attachments} t={t} />

      <RepairPartsUsed parts={d.parts} t={t} locale={locale} withCost />

      {d.claims.length ? (
        <Card title={t("service.claims.title")}>
          <ul className="divide-y divide-slate-100 text-sm">
            {d.claims.map((c) => (
              <li key={c.id} className="py-2">
                <RepairClaimFacts claim={c} t={t} locale={locale} />
                {d.mayManage && c.status === "submitted" ? (
                  <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-4">
                    <FormKeys formKey={d.formKey} intent="claim" />
                    <input type="hidden" name="claimId" value={c.id} />
                    <TextField label={t("service.claims.approvedAmount")} name="approvedYuan" inputMode="decimal" errors={errors("approvedYuan")} />
                    <TextField label={t("service.claims.decisionComment")} name="comment" errors={errors("comment")} className="sm:col-span-2" />
                    <div className="flex items-end gap-2">
                      <Button type="submit" name="decision" value="approve" disabled={busy}>{t("service.claims.approve")}</Button>
                      <Button type="submit" name="decision" value="adjust" variant="secondary" disabled={busy}>{t("service.claims.adjust")}</Button>
                      <Button type="submit" name="decision" value="reject" variant="danger" disabled={busy}>{t("service.claims.reject")}</Button>
                    </div>
                  </Form>
                ) : null}
                {d.mayManage && (c.status === "approved" || c.status === "adjusted") && !c.settlementId && r.stationId ? (
                  <Form method="post" className="mt-2 grid gap-3 sm:grid-cols-4">
                    <FormKeys formKey={d.formKey} intent="settle" />
                    <input type="hidden" name="stationId" value={r.stationId} />
                    <TextField label={t("service.desk.period")} name="period" type="month" defaultValue={d.month} hint={t("service.desk.settleHint")} errors={errors("period")} className="sm:col-span-2" />
                    <div className="self-end">
                      <Button type="submit" variant="secondary" disabled={busy}>{t("service.desk.settleButton")}</Button>
                    </div>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}

      <RelatedKnowledge articleBase="/service/knowledge" articles={d.articles} draftAction={d.draftAction} busy={busy} t={t} />

      <Card title={t("service.timeline")}>
        <Timeline events={d.events} t={t} locale={locale} />
      </Card>
    </div>
  );
}
