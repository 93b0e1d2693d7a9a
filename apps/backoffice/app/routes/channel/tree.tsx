import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useSearchParams } from "react-router";
import { can, channelFilterOptions, channelTree, channelTreeQuery, getOrganization, listParentCandidates, moveOrganization, recentPeriods } from "@cs/domain";
import { Alert, Badge, Button, Money, PageHeader, SelectField, TextField, buttonClass } from "@cs/ui";
import { CsrfInput, FormAlert, useFieldErrors, type ActionResult, FilterForm } from "@cs/web";
import { actionError, domainCtx, searchParamsObject, guarded } from "@cs/web/server";
import type { Route } from "./+types/tree";
import { PeriodFields, ScopeFields, periodLabel } from "./shared";

export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const params = searchParamsObject(request);
  const query = channelTreeQuery.parse(params);
  const moveId = typeof params.move === "string" && params.move ? params.move : null;
  const mayMove = can(ctx.actor, "organization:move");
  const [tree, options, moving] = await Promise.all([
    channelTree(ctx, query),
    channelFilterOptions(ctx),
    mayMove && moveId
      ? Promise.all([getOrganization(ctx, moveId), listParentCandidates(ctx, moveId)]).then(([d, candidates]) => ({ id: d.organization.id, name: d.organization.name, parentId: d.organization.parentId, candidates }))
      : Promise.resolve(null),
  ]);
  const starts = recentPeriods(query.periodKind, query.periodKind === "month" ? 24 : query.periodKind === "quarter" ? 8 : 5);
  if (!starts.includes(query.periodStart)) starts.push(query.periodStart);
  return { ...tree, query, options, starts, moving, mayMove };
});

export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  const id = String(form.get("id") ?? "");
  try {
    await moveOrganization(ctx, id, { parentId: form.get("parentId") || undefined, effectiveDate: form.get("effectiveDate") });
  } catch (error) {
    return actionError(error, form);
  }
  const back = new URL(request.url);
  back.searchParams.delete("move");
  back.searchParams.set("done", "moved");
  return redirect(`${back.pathname}?${back.searchParams.toString()}`);
});

export default function ChannelTree({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const { nodes, period, query, options, starts, moving, mayMove } = loaderData;
  const locale = i18n.language;
  const open = new Set(query.open);
  const hrefWith = (change: (p: URLSearchParams) => void) => {
    const next = new URLSearchParams(params);
    next.delete("done");
    change(next);
    return `?${next.toString()}`;
  };
  const toggle = (id: string) =>
    hrefWith((p) => {
      const ids = new Set(open);
      if (ids.has(id)) ids.delete(id);
      else ids.add(id);
      if (ids.size) p.set("open", [...ids].join(","));
      else p.delete("open");
    });
  return (
    <>
      <PageHeader title={`${t("channel.tabs.tree")} · ${periodLabel(t, period.kind, period.start)}`}>
        <p className="mt-1 text-sm text-slate-600">{t("channel.tree.intro")}</p>
      </PageHeader>
      {params.get("done") === "moved" ? (
        <div className="mb-4">
          <Alert tone="success">{t("channel.tree.moved")}</Alert>
        </div>
      ) : null}
      <FilterForm resetTo="/channel" columns={4}>
        <PeriodFields kind={query.periodKind} start={query.periodStart} starts={starts} />
        <ScopeFields options={options} branchId={query.branchId} tier={query.tier} divisionId={null} />
        {query.open.length ? <input type="hidden" name="open" value={query.open.join(",")} /> : null}
      </FilterForm>
      {nodes.length === 0 ? (
        <p className="rounded-lg bg-white p-6 text-center text-sm text-slate-500 shadow-sm ring-1 ring-slate-200">{t("channel.tree.empty")}</p>
      ) : (
        <div className="relative overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
          <table className="min-w-full text-sm" aria-label={t("channel.tabs.tree")}>
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">{t("channel.tree.node")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("channel.fields.tier")}</th>
                <th scope="col" className="px-3 py-2 font-medium">{t("channel.fields.branch")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("channel.tree.descendants")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("channel.tree.own")}</th>
                <th scope="col" className="px-3 py-2 text-right font-medium">{t("channel.tree.subtree")}</th>
                {mayMove ? <th scope="col" className="px-3 py-2 font-medium"><span className="sr-only">{t("common.actions")}</span></th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {nodes.map((n) => (
                <tr key={n.id} className={n.depth === 0 ? "" : "bg-slate-50/40"}>
                  <td className="px-3 py-1.5">
                    <div className="flex items-center gap-1.5" style={{ paddingLeft: `${n.depth * 1.5}rem` }}>
                      {n.childCount > 0 ? (
                        <Link
                          to={toggle(n.id)}
                          preventScrollReset
                          aria-expanded={open.has(n.id)}
                          aria-label={t(open.has(n.id) ? "channel.tree.collapse" : "channel.tree.expand", { name: n.name })}
                          className="inline-flex h-5 w-5 items-center justify-center rounded text-slate-600 ring-1 ring-slate-300 hover:bg-slate-100"
                        >
                          {open.has(n.id) ? "−" : "+"}
                        </Link>
                      ) : (
                        <span className="inline-block w-5" aria-hidden />
                      )}
                      <Link to={`/channel/partners/${n.id}`} className="text-blue-800 hover:underline">
                        {n.name}
                      </Link>
                      <span className="text-xs text-slate-500">{n.code}</span>
                      <Badge tone={n.kind === "master_distributor" ? "blue" : n.kind === "agent" ? "green" : "slate"}>{t(`org.kinds.${n.kind}`)}</Badge>
                    </div>
                  </td>
                  <td className="px-3 py-1.5">{n.tier ? t(`org.tiers.${n.tier}`) : "—"}</td>
                  <td className="px-3 py-1.5">{n.branchName ?? "—"}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">{n.descendantCount}</td>
                  <td className="px-3 py-1.5 text-right"><Money fen={n.ownFen} locale={locale} /></td>
                  <td className="px-3 py-1.5 text-right font-medium"><Money fen={n.subtreeFen} locale={locale} /></td>
                  {mayMove ? (
                    <td className="px-3 py-1.5 text-right">
                      {n.kind === "agent" || n.kind === "dealer" ? (
                        <Link to={hrefWith((p) => p.set("move", n.id))} preventScrollReset className="text-blue-800 hover:underline" aria-label={t("channel.tree.moveTitle", { name: n.name })}>
                          {t("channel.tree.move")}
                        </Link>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
          {nodes.length >= 2000 ? <p className="p-3 text-xs text-slate-500">{t("channel.tree.truncated")}</p> : null}
        </div>
      )}
      {moving ? <MoveDialog moving={moving} result={actionData as ActionResult} closeHref={hrefWith((p) => p.delete("move"))} /> : null}
    </>
  );
}

function MoveDialog({ moving, result, closeHref }: { moving: { id: string; name: string; parentId: string | null; candidates: { id: string; code: string; name: string; kind: string }[] }; result: ActionResult; closeHref: string }) {
  const { t } = useTranslation();
  const errors = useFieldErrors(result);
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(new Date());
  return (
    <div className="fixed inset-0 z-40 flex items-center justify-center bg-slate-900/40 p-4">
      <dialog open aria-modal="true" aria-labelledby="move-title" className="relative w-full max-w-lg rounded-lg bg-white p-5 shadow-xl">
        <h2 id="move-title" className="text-lg font-semibold text-slate-900">{t("channel.tree.moveTitle", { name: moving.name })}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("channel.tree.moveHint")}</p>
        <Form method="post" className="mt-4 space-y-3">
          <CsrfInput />
          <input type="hidden" name="id" value={moving.id} />
          <FormAlert result={result} />
          <SelectField
            label={t("channel.tree.newParent")}
            name="parentId"
            defaultValue={typeof result?.initialValue?.parentId === "string" ? result.initialValue.parentId : ""}
            placeholder={t("channel.tree.flatten")}
            options={moving.candidates.filter((c) => c.id !== moving.parentId).map((c) => ({ value: c.id, label: `${c.code} ${c.name} (${t(`org.kinds.${c.kind}`)})` }))}
            errors={errors("parentId")}
          />
          <TextField label={t("channel.tree.effectiveDate")} name="effectiveDate" type="date" required max={today} defaultValue={typeof result?.initialValue?.effectiveDate === "string" ? result.initialValue.effectiveDate : today} errors={errors("effectiveDate")} />
          <div className="flex justify-end gap-2 pt-2">
            <Link to={closeHref} preventScrollReset className={buttonClass("ghost")}>{t("common.cancel")}</Link>
            <Button>{t("channel.tree.submitMove")}</Button>
          </div>
        </Form>
      </dialog>
    </div>
  );
}
