import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation, useSearchParams } from "react-router";
import { getCoupon, revokeCoupon } from "@cs/domain";
import { Alert, Button, Card, PageHeader, TextField, formatDate, formatDateTime, formatMoney } from "@cs/ui";
import { CouponStateBadge, CouponValue, CsrfInput, FormAlert, useFieldErrors, type ActionResult } from "@cs/web";
import { actionError, domainCtx, readForm, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return await getCoupon(domainCtx(context, request), params.id);
});

/** `revoke` withdraws the coupon (with a reason). */
export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    switch (form.get("intent")) {
      case "revoke":
        await revokeCoupon(domainCtx(context, request), { ...readForm(form), couponId: params.id });
        return redirect(`/coupons/${params.id}?done=revoked`);
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
});

export default function CouponDetail({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [search] = useSearchParams();
  const navigation = useNavigation();
  const { coupon: c, redemptions } = loaderData;
  const result = (actionData ?? undefined) as ActionResult;
  const field = useFieldErrors(result);
  const locale = i18n.language;
  const done = search.get("done");
  const target = c.partner ? `${c.partnerCode} ${c.partner}` : c.tier ? `${t("coupons.forTier")} · ${t(`org.tiers.${c.tier}`)}` : (c.customer ?? "—");
  const facts: [string, React.ReactNode][] = [
    [t("coupons.columns.target"), target],
    [t("coupons.columns.value"), <CouponValue key="v" coupon={c} />],
    [t("coupons.fields.description"), c.description],
    [t("coupons.columns.validity"), `${formatDate(c.validFrom, locale)} – ${formatDate(c.validUntil, locale)}`],
    [t("coupons.columns.uses"), `${c.usesCount} / ${c.usesAllowed}`],
    [t("coupons.columns.source"), t(`coupons.sources.${c.source}`, { defaultValue: c.source })],
    [t("coupons.detail.createdBy"), c.createdBy ?? "—"],
    [t("coupons.detail.createdAt"), formatDateTime(c.createdAt, locale)],
  ];
  return (
    <div className="space-y-4">
      <PageHeader title={t("coupons.detail.title", { code: c.code })} actions={<Link to="/coupons" className="text-sm text-blue-700 hover:underline">{t("coupons.back")}</Link>}>
        <div className="mt-1">
          <CouponStateBadge state={c.state} />
        </div>
      </PageHeader>
      {done === "issued" && !actionData ? <Alert tone="success">{t("coupons.issued", { code: c.code })}</Alert> : null}
      {done === "revoked" && !actionData ? <Alert tone="success">{t("coupons.revokedDone")}</Alert> : null}
      {c.revokedAt ? <Alert tone="info">{t("coupons.detail.revoked", { who: c.revokedBy ?? "—", at: formatDateTime(c.revokedAt, locale), reason: c.revokeReason ?? "" })}</Alert> : null}
      <Card>
        <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
          {facts.map(([k, v]) => (
            <div key={k}>
              <dt className="text-xs text-slate-500">{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={t("coupons.detail.redemptions")}>
        {redemptions.length === 0 ? (
          <p className="text-sm text-slate-600">{t("coupons.detail.noRedemptions")}</p>
        ) : (
          <table className="min-w-full text-sm">
            <thead className="text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-2 py-1">{t("coupons.detail.order")}</th>
                <th scope="col" className="px-2 py-1">{t("coupons.detail.partner")}</th>
                <th scope="col" className="px-2 py-1 text-right">{t("coupons.detail.amount")}</th>
                <th scope="col" className="px-2 py-1">{t("coupons.detail.at")}</th>
              </tr>
            </thead>
            <tbody>
              {redemptions.map((r) => (
                <tr key={r.id} className="border-t border-slate-100">
                  <td className="px-2 py-1">
                    <Link to={`/orders/${r.orderId}`} className="font-mono text-blue-700 underline">
                      {r.orderNumber}
                    </Link>
                  </td>
                  <td className="px-2 py-1">{r.partner}</td>
                  <td className={`px-2 py-1 text-right tabular-nums ${r.releasedAt ? "text-slate-400 line-through" : ""}`}>{formatMoney(r.amountFen, locale)}</td>
                  <td className="px-2 py-1">
                    {formatDateTime(r.redeemedAt, locale)}
                    {r.releasedAt ? <div className="text-xs text-slate-500">{t("coupons.detail.released")}</div> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {c.state !== "revoked" ? (
        <Card title={t("coupons.revokeTitle")}>
          <Form method="post" className="flex flex-wrap items-end gap-3">
            <CsrfInput />
            <input type="hidden" name="intent" value="revoke" />
            <div className="basis-full">
              <FormAlert result={result} />
            </div>
            <TextField label={t("coupons.fields.reason")} name="reason" required maxLength={500} className="min-w-0 flex-1 basis-72" errors={field("reason")} />
            <Button variant="danger" aria-busy={navigation.state === "submitting" ? true : undefined}>
              {t("coupons.revoke")}
            </Button>
          </Form>
        </Card>
      ) : null}
    </div>
  );
}
