import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useNavigation, useSearchParams } from "react-router";
import { can, getStation, linkableUsers } from "@cs/domain";
import { formatDayHours, weekdays, type OpeningHours } from "@cs/domain/service/network/hours";
import { Alert, Badge, Button, Card, CheckboxField, PageHeader, SelectField, TextField, buttonClass, formatDateTime } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { runStationAction } from "./actions.server";
import { localName } from "@cs/i18n";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const [station, linkable] = await Promise.all([getStation(ctx, params.id), linkableUsers(ctx, params.id)]);
  return { station, linkable: [...linkable], mayManage: can(ctx.actor, "service:manage"), formKey: randomUUID() };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  return runStationAction(domainCtx(context, request), params.id, await request.formData());
});

const doneKeys = { saved: "network.saved", created: "network.technicians.created", linked: "network.technicians.linked", deactivated: "network.technicians.deactivated" } as const;

export default function StationPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const { station, linkable, mayManage, formKey } = loaderData;
  const { organization: org, profile } = station;
  const result = (actionData ?? undefined) as ActionResult;
  const errors = useFieldErrors(result);
  const intent = result?.status === "error" ? result.initialValue?.intent : undefined;
  const profileErrors = (name: string) => (intent === "profile" ? errors(name) : null);
  const techErrors = (name: string) => (intent === "create-technician" || intent === "link" ? errors(name) : null);
  const zh = i18n.language === "zh-CN";
  const done = params.get("done") as keyof typeof doneKeys | null;
  const hours = (profile?.openingHours ?? {}) as OpeningHours;
  return (
    <div className="space-y-4">
      <PageHeader
        title={`${org.code} · ${org.name}`}
        actions={
          <Link to="/service/stations" className={buttonClass("ghost")}>
            {t("common.back")}
          </Link>
        }
      >
        <p className="mt-1 text-sm text-slate-600">
          {[org.city, org.phone].filter(Boolean).join(" · ")} · {t("network.loadToday", { open: station.load.open, today: station.load.assignedToday })}
        </p>
      </PageHeader>
      {done && doneKeys[done] && !actionData ? <Alert tone="success">{t(doneKeys[done])}</Alert> : null}
      <Card title={t("network.profile")} actions={profile ? null : <Badge tone="amber">{t("network.noProfile")}</Badge>}>
        <Form method="post" className="space-y-4">
          <CsrfInput />
          <input type="hidden" name="intent" value="profile" />
          {profile ? <input type="hidden" name="loadedAt" value={new Date(profile.updatedAt).toISOString()} /> : null}
          {intent === "profile" ? <FormAlert result={result} /> : null}
          <fieldset disabled={!mayManage} className="grid gap-4 sm:grid-cols-3">
            <TextField label={t("network.fields.cities")} name="cities" required hint={t("network.fields.citiesHint")} defaultValue={(profile?.cities ?? (org.city ? [org.city] : [])).join(", ")} errors={profileErrors("cities")} />
            <SelectField
              label={t("network.fields.divisions")}
              name="divisionIds"
              multiple
              size={Math.min(6, station.divisions.length)}
              defaultValue={profile?.divisionIds ?? []}
              options={station.divisions.map((d) => ({ value: d.id, label: localName(zh, d.nameZh, d.nameEn) }))}
              errors={profileErrors("divisionIds")}
            />
            <div className="space-y-4">
              <TextField label={t("network.fields.capacity")} name="capacityPerDay" type="number" min={0} max={500} required defaultValue={String(profile?.capacityPerDay ?? 10)} errors={profileErrors("capacityPerDay")} />
              <CheckboxField label={t("network.fields.active")} name="active" defaultChecked={profile?.active ?? true} />
            </div>
            <div className="sm:col-span-3">
              <p className="text-sm font-medium text-slate-800">{t("network.fields.hours")}</p>
              <p className="text-xs text-slate-500">{t("network.fields.hoursHint")}</p>
              <div className="mt-2 grid gap-3 sm:grid-cols-4 lg:grid-cols-7">
                {weekdays.map((d) => (
                  <TextField key={d} label={t(`network.weekdays.${d}`)} name={`hours_${d}`} maxLength={100} defaultValue={formatDayHours(hours[d])} placeholder="09:00-18:00" errors={profileErrors(`hours_${d}`)} />
                ))}
              </div>
            </div>
          </fieldset>
          {mayManage ? <Button disabled={busy}>{t("common.save")}</Button> : null}
        </Form>
      </Card>
      <Card title={t("network.technicians.title")}>
        {station.technicians.length === 0 ? (
          <p className="text-sm text-slate-600">{t("network.technicians.empty")}</p>
        ) : (
          <div className="relative overflow-x-auto">
            <table className="w-full text-sm">
              <thead>
                <tr className="text-left text-xs text-slate-500">
                  <th className="py-1">{t("network.technicians.name")}</th>
                  <th>{t("network.technicians.login")}</th>
                  <th>{t("network.technicians.since")}</th>
                  <th>{t("network.technicians.status")}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {station.technicians.map((tech) => (
                  <tr key={tech.userId} className="border-t border-slate-100">
                    <td className="py-1">{tech.name}</td>
                    <td className="font-mono text-xs">{tech.login}</td>
                    <td>{formatDateTime(tech.since, i18n.language)}</td>
                    <td>{tech.active ? <Badge tone="green">{t("network.active")}</Badge> : <Badge>{t("network.inactive")}</Badge>}</td>
                    <td className="text-right">
                      {mayManage ? (
                        <Form method="post">
                          <CsrfInput />
                          <input type="hidden" name="userId" value={tech.userId} />
                          <Button name="intent" value={tech.active ? "deactivate" : "link"} variant="ghost" disabled={busy}>
                            {tech.active ? t("network.technicians.deactivate") : t("network.technicians.link")}
                          </Button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {mayManage && profile ? (
          <div className="mt-4 grid gap-4 lg:grid-cols-2">
            <Form method="post" className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-2">
              <FormKeys formKey={formKey} />
              <p className="text-sm font-medium sm:col-span-2">{t("network.technicians.create")}</p>
              {intent === "create-technician" ? (
                <div className="sm:col-span-2">
                  <FormAlert result={result} />
                </div>
              ) : null}
              <TextField label={t("network.technicians.name")} name="name" required maxLength={50} errors={techErrors("name")} />
              <TextField label={t("network.technicians.login")} name="login" required maxLength={254} errors={techErrors("login")} />
              <TextField label={t("network.technicians.password")} name="password" type="password" required autoComplete="new-password" errors={techErrors("password")} />
              <div className="flex items-end">
                <Button name="intent" value="create-technician" disabled={busy}>
                  {t("network.technicians.create")}
                </Button>
              </div>
            </Form>
            {linkable.length ? (
              <Form method="post" className="grid gap-3 rounded-md bg-slate-50 p-3 sm:grid-cols-2">
                <CsrfInput />
                <p className="text-sm font-medium sm:col-span-2">{t("network.technicians.linkUser")}</p>
                <SelectField label={t("network.technicians.name")} name="userId" required options={linkable.map((u) => ({ value: u.id, label: `${u.display_name} (${u.login})` }))} errors={techErrors("userId")} />
                <div className="flex items-end">
                  <Button name="intent" value="link" variant="secondary" disabled={busy}>
                    {t("network.technicians.link")}
                  </Button>
                </div>
              </Form>
            ) : null}
          </div>
        ) : null}
      </Card>
    </div>
  );
}
