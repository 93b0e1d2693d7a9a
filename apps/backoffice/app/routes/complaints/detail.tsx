import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { assignComplaint, complaintOwnerChoices, getComplaint, resolveComplaint } from "@cs/domain";
import { Alert, Button, Card, PageHeader, SelectField, TextAreaField } from "@cs/ui";
import { ComplaintBadges, ComplaintFacts, FormAlert, FormKeys, SlaClock, useFormResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const d = await getComplaint(ctx, params.id);
  return { ...d, owners: d.mayWork ? await complaintOwnerChoices(ctx) : [], formKey: randomUUID(), now: Date.now() };
});

/** `assign` gives the complaint an owner; `resolve` records the resolution and tells the complainant. */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  const ctx = domainCtx(context, request);
  try {
    switch (form.get("intent")) {
      case "assign":
        await assignComplaint(ctx, { ...readForm(form), complaintId: params.id });
        return redirect(`/complaints/${params.id}?done=assigned`);
      case "resolve":
        await resolveComplaint(ctx, { ...readForm(form), complaintId: params.id });
        return redirect(`/complaints/${params.id}?done=resolved`);
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
});

export default function ComplaintDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const busy = useNavigation().state === "submitting";
  const [search] = useSearchParams();
  const { result, errors, value } = useFormResult(actionData);
  const { complaint: c, partyName, ownerName, filedByName, orderNumber, repairNumber, mayWork, owners, formKey, now } = loaderData;
  const done = search.get("done");
  return (
    <div className="space-y-4">
      <PageHeader title={t("complaints.detailTitle", { number: c.number })} actions={<Link to="/complaints" className="text-sm text-blue-700 hover:underline">{t("complaints.back")}</Link>}>
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <span className="font-medium">{c.subject}</span>
          <ComplaintBadges severity={c.severity} status={c.status} />
          {c.status !== "resolved" ? <SlaClock due={c.dueAt} now={now} t={t} locale={i18n.language} /> : null}
        </div>
      </PageHeader>
      {done && !actionData ? <Alert tone="success">{done === "resolved" ? t("complaints.resolved") : done === "assigned" ? t("complaints.assigned") : t("complaints.filed", { number: c.number })}</Alert> : null}
      {c.resolution ? (
        <Alert tone="success">{t("complaints.answer", { text: c.resolution })}</Alert>
      ) : null}
      <Card>
        <ComplaintFacts
          c={c}
          extra={[
            [t("complaints.fields.party"), c.organizationId ? <Link key="p" to={`/organizations/${c.organizationId}/360`} className="text-blue-800 underline">{partyName}</Link> : (partyName ?? "—")],
            [t("complaints.fields.owner"), ownerName ?? "—"],
            [t("complaints.fields.filedBy"), filedByName ?? "—"],
            ...(orderNumber ? ([[t("complaints.fields.order"), <Link key="o" to={`/orders/${c.orderId}`} className="text-blue-800 underline">{orderNumber}</Link>]] as [string, React.ReactNode][]) : []),
            ...(repairNumber ? ([[t("complaints.fields.repair"), <Link key="r" to={`/service/requests/${c.repairRequestId}`} className="text-blue-800 underline">{repairNumber}</Link>]] as [string, React.ReactNode][]) : []),
          ]}
        />
      </Card>
      {mayWork ? (
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("complaints.assign")}>
            <Form method="post" className="flex flex-wrap items-end gap-3">
              <FormKeys formKey={`${formKey}-a`} intent="assign" />
              <SelectField label={t("complaints.fields.owner")} name="ownerId" required placeholder="—" defaultValue={value("ownerId") ?? c.ownerId ?? ""} errors={errors("ownerId")} options={owners.map((o) => ({ value: o.id, label: o.name }))} />
              <Button variant="secondary" aria-busy={busy ? true : undefined}>{t("complaints.assign")}</Button>
            </Form>
          </Card>
          <Card title={t("complaints.resolve")}>
            <FormAlert result={result} />
            <Form method="post" className="space-y-3">
              <FormKeys formKey={`${formKey}-r`} intent="resolve" />
              <TextAreaField label={t("complaints.fields.resolution")} name="resolution" required rows={4} maxLength={4000} defaultValue={value("resolution")} errors={errors("resolution")} />
              <Button aria-busy={busy ? true : undefined}>{t("complaints.resolve")}</Button>
            </Form>
          </Card>
        </div>
      ) : null}
    </div>
  );
}
