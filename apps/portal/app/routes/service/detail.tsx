import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useNavigation } from "react-router";
import { requireActor } from "@cs/auth/server";
import { INVITATION_TTL_DAYS, articlesForProduct, getRepairRequest, mayDraftKnowledge, resolvedRepairStatuses, stationPartsStock } from "@cs/domain";
import { Alert, Badge, Button, Card, Money, PageHeader, SelectField, StarRating, TextAreaField, TextField, buttonClass, formatDate, formatDateTime } from "@cs/ui";
import { FormAlert, FormKeys, RelatedKnowledge, RepairClaimFacts, RepairPartsUsed, RepairPhotos, RepairStatusBadge, SlaClock, Timeline, useFieldErrors, WarrantyBadge, type ActionResult } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { runRepairAction } from "./actions.server";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const actor = requireActor(context, request);
  const detail = await getRepairRequest(ctx, params.id);
  const isStation = detail.audiences.includes("station");
  const [parts, articles] = await Promise.all([
    isStation && ["diagnosing", "awaiting_parts", "repairing"].includes(detail.request.status) ? stationPartsStock(ctx) : Promise.resolve([]),
    articlesForProduct(ctx, detail.request.productId),
  ]);
  const mayDraft = isStation && mayDraftKnowledge(ctx.actor) && resolvedRepairStatuses.includes(detail.request.status) && Boolean(detail.request.resolution?.trim());
  return {
    ...detail,
    partsStock: parts,
    articles,
    draftAction: mayDraft ? `/knowledge/draft/${detail.request.id}` : null,
    isStation,
    isFiler: detail.audiences.includes("filer"),
    invitationDays: detail.audiences.includes("filer") && actor.kind === "partner" ? INVITATION_TTL_DAYS : null,
    mayClaim: isStation && actor.permissions.has("station_service:admin"),
    now: Date.now(),
    formKey: randomUUID(),
    done: new URL(request.url).searchParams.get("done"),
  };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  return runRepairAction(domainCtx(context, request), params.id, await request.formData());
});

/** One repair request: warranty and why, SLA clocks, photos, quote, parts, claims, the timeline, and the next steps this user may take. */
export default function RepairRequestDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const d = loaderData;
  const r = d.request;
  const result = (actionData ?? undefined) as ActionResult;
  const errors = useFieldErrors(result);
  const locale = i18n.language;
  const zh = locale === "zh-CN";
  const busy = navigation.state === "submitting";
  const open = !["ready", "returned", "closed", "cancelled"].includes(r.status);
  const hasLiveClaim = d.claims.some((c) => c.status !== "rejected");
  return (
    <div className="space-y-4">
      <PageHeader
        title={t("service.requestTitle", { number: r.number })}
        actions={
          <Link to={d.isStation ? "/service/queue" : "/service/requests"} className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      >
        <div className="mt-2 flex flex-wrap items-center gap-2">
          <RepairStatusBadge status={r.status} t={t} />
          {r.escalated ? <Badge tone="red">{t("service.escalated")}</Badge> : null}
          <Badge tone="slate">{t(`service.priorities.${r.priority}`)}</Badge>
        </div>
      </PageHeader>
      {d.done ? <Alert tone="success">{t(`service.done.${d.done}`, { defaultValue: t("service.done.saved") })}</Alert> : null}
      <FormAlert result={result} />
      {d.isFiler && r.status === "closed" && r.rating === null ? (
        <Card title={t("service.rate.title")} className="border-l-4 border-amber-400">
          <Form method="post" className="grid gap-3 sm:grid-cols-3">
            <FormKeys formKey={d.formKey} intent="rate" />
            <StarRating
              name="rating"
              legend={t("service.fields.rating")}
              required
              levels={[1, 2, 3, 4, 5].map((n) => t(`service.rate.levels.${n}`)) as [string, string, string, string, string]}
              errors={errors("rating")}
            />
            <TextField label={t("service.fields.comment")} name="comment" maxLength={1000} className="sm:col-span-2" />
            <div>
              <Button type="submit" disabled={busy}>{t("service.rate.submit")}</Button>
            </div>
          </Form>
        </Card>
      ) : null}
      <Card title={t("service.fields.warranty")}>
        <div className="flex flex-wrap items-center gap-3 text-sm" role="status">
          <WarrantyBadge status={r.warrantyStatus} t={t} />
          <span>{t(r.warrantyReason, { endsOn: r.warrantyEndsOn ? formatDate(r.warrantyEndsOn, locale) : "—" })}</span>
          {r.needsManualCheck ? <span className="text-amber-700">{t("service.manualCheck")}</span> : null}
        </div>
      </Card>
      <div className="grid gap-4 lg:grid-cols-3">
        <Card title={t("service.details")} className="lg:col-span-2">
          <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
            <dt className="text-slate-500">{t("service.device")}</dt>
            <dd>
              {localName(zh, d.product.nameZh, d.product.nameEn)} <span className="font-mono text-xs">{d.product.sku}</span>
            </dd>
            <dt className="text-slate-500">{t("service.fields.serial")}</dt>
            <dd className="font-mono text-xs">{r.serial}</dd>
            <dt className="text-slate-500">{t("service.fields.symptoms")}</dt>
            <dd className="whitespace-pre-wrap">{r.symptoms}</dd>
            <dt className="text-slate-500">{t("service.fields.serviceMode")}</dt>
            <dd>
              {t(`service.modes.${r.serviceMode}`)}
              {r.pickupAddress ? ` · ${r.pickupAddress}` : ""}
            </dd>
            <dt className="text-slate-500">{t("service.fields.city")}</dt>
            <dd>{r.city}</dd>
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
            {r.diagnosis ? (
              <>
                <dt className="text-slate-500">{t("service.fields.diagnosis")}</dt>
                <dd className="whitespace-pre-wrap">{r.diagnosis}</dd>
              </>
            ) : null}
            {r.rating ? (
              <>
                <dt className="text-slate-500">{t("service.fields.rating")}</dt>
                <dd>
                  {"★".repeat(r.rating)}
                  {r.ratingComment ? ` · ${r.ratingComment}` : ""}
                </dd>
              </>
            ) : null}
          </dl>
        </Card>
        <Card title={t("service.sla.title")}>
          <dl className="space-y-2 text-sm">
            <dt className="text-slate-500">{t("service.sla.response")}</dt>
            <dd>{r.status === "submitted" ? <SlaClock due={r.responseDueAt} now={d.now} t={t} locale={locale} /> : formatDateTime(r.responseDueAt, locale)}</dd>
            <dt className="text-slate-500">{t("service.sla.resolution")}</dt>
            <dd>{open && r.status !== "submitted" ? <SlaClock due={r.resolutionDueAt} now={d.now} t={t} locale={locale} /> : formatDateTime(r.resolutionDueAt, locale)}</dd>
          </dl>
        </Card>
      </div>

      <RepairPhotos requestId={r.id} photos={d.attachments} t={t} />

      {r.quoteAmountFen !== null ? (
        <Card title={t("service.quote.title")}>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <Money fen={r.quoteAmountFen} locale={locale} />
            {r.quoteNote ? <span className="text-slate-600">{r.quoteNote}</span> : null}
            <Badge tone={r.quoteStatus === "approved" ? "green" : r.quoteStatus === "refused" ? "red" : "amber"}>{t(`service.quote.statuses.${r.quoteStatus ?? "pending"}`)}</Badge>
          </div>
          {d.isFiler && r.quoteStatus === "pending" ? (
            <div className="mt-3 flex gap-2">
              <Form method="post">
                <FormKeys formKey={d.formKey} intent="approveQuote" />
                <Button type="submit" disabled={busy}>{t("service.quote.approve")}</Button>
              </Form>
              <Form method="post">
                <FormKeys formKey={d.formKey} intent="refuseQuote" />
                <Button type="submit" variant="secondary" disabled={busy}>{t("service.quote.refuse")}</Button>
              </Form>
            </div>
          ) : null}
        </Card>
      ) : null}

      {d.isStation && r.status === "diagnosing" ? (
        <Card title={t("service.diagnose.title")}>
          <Form method="post" className="space-y-3">
            <FormKeys formKey={d.formKey} intent="diagnose" />
            <TextAreaField label={t("service.fields.diagnosis")} name="diagnosis" required rows={3} defaultValue={r.diagnosis ?? ""} errors={errors("diagnosis")} />
            {r.quoteStatus !== "approved" ? (
              <div className="grid gap-3 sm:grid-cols-2">
                <TextField label={t("service.quote.amount")} name="quoteYuan" inputMode="decimal" hint={d.paidRepair ? t("service.quote.required") : t("service.quote.optional")} errors={errors("quoteYuan")} />
                <TextField label={t("service.quote.note")} name="quoteNote" errors={errors("quoteNote")} />
              </div>
            ) : null}
            <Button type="submit" disabled={busy}>{t("service.diagnose.save")}</Button>
          </Form>
        </Card>
      ) : null}

      {d.isStation && d.partsStock.length ? (
        <Card title={t("service.parts.use")}>
          <Form method="post" className="grid gap-3 sm:grid-cols-4">
            <FormKeys formKey={d.formKey} intent="part" />
            <SelectField
              label={t("service.parts.part")}
              name="productId"
              required
              placeholder="—"
              options={d.partsStock.map((p) => ({ value: p.productId, label: `${p.sku} · ${localName(zh, p.nameZh, p.nameEn)} (${p.free})` }))}
              errors={errors("productId")}
              className="sm:col-span-2"
            />
            <TextField label={t("service.parts.quantity")} name="quantity" inputMode="numeric" defaultValue="1" required errors={errors("quantity")} />
            <TextField label={t("service.parts.faultySerial")} name="faultySerial" errors={errors("faultySerial")} />
            <TextField label={t("service.parts.replacementSerial")} name="replacementSerial" errors={errors("replacementSerial")} />
            <div className="self-end">
              <Button type="submit" disabled={busy}>{t("service.parts.record")}</Button>
            </div>
          </Form>
        </Card>
      ) : null}

      <RepairPartsUsed parts={d.parts} t={t} locale={locale} />

      {d.nextSteps.length || (d.isStation && r.status === "submitted") ? (
        <Card title={t("service.nextSteps")}>
          <Form method="post" className="space-y-3">
            {/* the pressed button says what: a target state (`to`) or `intent=decline` */}
            <FormKeys formKey={d.formKey} />
            <TextAreaField label={t("service.fields.comment")} name="comment" rows={2} maxLength={1000} errors={errors("comment")} />
            {d.nextSteps.includes("ready") ? <TextAreaField label={t("service.fields.resolution")} name="resolution" rows={2} maxLength={2000} /> : null}
            <div className="flex flex-wrap gap-2">
              {d.nextSteps.map((to) => (
                <Button key={to} type="submit" name="to" value={to} variant={to === "cancelled" ? "danger" : "primary"} disabled={busy}>
                  {t(`service.actions.${to}`)}
                </Button>
              ))}
              {d.isStation && r.status === "submitted" ? (
                <Button type="submit" name="intent" value="decline" variant="secondary" disabled={busy}>
                  {t("service.actions.decline")}
                </Button>
              ) : null}
            </div>
          </Form>
        </Card>
      ) : null}


      {d.isStation && (d.claims.length || d.mayClaim) ? (
        <Card title={t("service.claims.title")}>
          {d.claims.length ? (
            <ul className="mb-3 divide-y divide-slate-100 text-sm">
              {d.claims.map((c) => (
                <li key={c.id} className="py-2">
                  <RepairClaimFacts claim={c} t={t} locale={locale} />
                </li>
              ))}
            </ul>
          ) : null}
          {d.mayClaim && !hasLiveClaim && (r.warrantyStatus === "in_warranty" || r.warrantyStatus === "extended") && ["ready", "returned", "closed"].includes(r.status) ? (
            <Form method="post" className="grid gap-3 sm:grid-cols-3">
              <FormKeys formKey={d.formKey} intent="claim" />
              <TextField label={t("service.claims.labour")} name="labourYuan" inputMode="decimal" required errors={errors("labourYuan")} hint={t("service.claims.partsIncluded")} />
              <TextField label={t("service.claims.note")} name="note" className="sm:col-span-2" />
              <div>
                <Button type="submit" disabled={busy}>{t("service.claims.submit")}</Button>
              </div>
            </Form>
          ) : null}
        </Card>
      ) : null}

      {d.invitationDays ? (
        <Card title={t("invite.send")}>
          <Form method="post" className="flex flex-wrap items-center gap-3">
            <FormKeys formKey={d.formKey} intent="invite" />
            <p className="text-sm text-slate-600">{t("invite.sendHint", { days: d.invitationDays })}</p>
            <Button type="submit" variant="secondary" disabled={busy}>
              {t("invite.send")}
            </Button>
          </Form>
        </Card>
      ) : null}

      <RelatedKnowledge articleBase="/knowledge" articles={d.articles} draftAction={d.draftAction} busy={busy} t={t} />

      <Card title={t("service.timeline")}>
        <Timeline events={d.events} t={t} locale={locale} />
      </Card>
    </div>
  );
}
