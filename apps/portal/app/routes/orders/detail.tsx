import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useSearchParams } from "react-router";
import { can, cancelOrder, getOrder, mayCancel, reorderToCart } from "@cs/domain";
import { Alert, Button, Card, PageHeader, formatDate, formatDateTime, formatMoney } from "@cs/ui";
import { CsrfInput, FormAlert, type ActionResult, FormKeys } from "@cs/web";
import { actionError, domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { Invoices, OrderLinesTable, Shipments, Timeline } from "./sections";
import { OrderStatusBadge } from "./status";

type ShipTo = { label?: string; recipient?: string; phone?: string; province?: string; city?: string; district?: string | null; line?: string };

/** One order of the partner (or one it supplies); anyone else's answers 404. */
export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  const detail = await getOrder(ctx, params.id);
  const shipped = detail.lines.some((l) => l.quantityShipped > 0);
  const own = detail.order.organizationId === ctx.actor.organizationId;
  return {
    ...detail,
    // the registration is the buyer's: a supplying master distributor is not shown whose project it is
    deal: own ? detail.deal : null,
    canCancel: mayCancel(ctx.actor, detail.order, shipped),
    canReorder: own && can(ctx.actor, "own_order:place"),
    formKey: randomUUID(),
  };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    if (form.get("intent") === "reorder") {
      const { added, skipped } = await reorderToCart(ctx, { orderId: params.id, _key: String(form.get("_key") ?? "") });
      return redirect(`/cart?added=${added}${skipped ? `&skipped=${skipped}` : ""}`);
    }
    await cancelOrder(ctx, { orderId: params.id, comment: typeof form.get("comment") === "string" ? String(form.get("comment")) : null });
    return redirect(`/orders/${params.id}?done=cancelled`);
  } catch (error) {
    return actionError(error, form);
  }
});

export default function OrderPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const [params] = useSearchParams();
  const { order, lines, events, shipments, invoices, siblings, supplierName, placedByName, deal, canCancel, canReorder, formKey, coupon } = loaderData;
  const shipTo = (order.shipTo ?? {}) as ShipTo;
  const placed = Number(params.get("placed"));
  const money = (fen: bigint) => formatMoney(fen, i18n.language);
  const waitingReasons = order.status === "pending_approval" || order.status === "submitted" ? order.approvalReasons : [];
  return (
    <>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {t("orders.detail.title", { number: order.number })} <OrderStatusBadge status={order.status} />
          </span>
        }
        actions={
          <div className="flex gap-2">
            {canReorder ? (
              <Form method="post">
                <FormKeys formKey={formKey} intent="reorder" />
                <Button variant="secondary">{t("orders.detail.reorder")}</Button>
              </Form>
            ) : null}
            {canCancel ? (
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="cancel" />
                <Button variant="secondary">{t("orders.detail.cancel")}</Button>
              </Form>
            ) : null}
          </div>
        }
      />
      <div className="space-y-4">
        {placed === 1 ? <Alert tone="success">{t("orders.detail.placed", { number: order.number })}</Alert> : null}
        {placed > 1 ? <Alert tone="success">{t("orders.detail.placedMany", { count: placed, number: order.number })}</Alert> : null}
        {siblings.length > 0 ? (
          <p className="text-sm text-slate-600">
            {t("orders.detail.otherOrders")}{" "}
            {siblings.map((o) => (
              <Link key={o.id} to={`/orders/${o.id}`} className="mr-2 font-mono text-xs text-blue-700 underline-offset-2 hover:underline">
                {o.number}
              </Link>
            ))}
          </p>
        ) : null}
        {params.get("done") === "cancelled" ? <Alert tone="success">{t("orders.detail.cancelled")}</Alert> : null}
        <FormAlert result={(actionData ?? undefined) as ActionResult} />
        {waitingReasons.map((r) => (
          <Alert key={r} tone="info">
            {t(`orders.waiting.${r}`, { defaultValue: t(`orders.reasons.${r}`, { defaultValue: r }) })}
          </Alert>
        ))}
        <Card>
          <dl className="grid gap-3 text-sm sm:grid-cols-3">
            <div>
              <dt className="text-slate-500">{t("orders.detail.submittedAt")}</dt>
              <dd>{formatDateTime(order.submittedAt, i18n.language)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("orders.detail.placedBy")}</dt>
              <dd>{placedByName ?? "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("orders.detail.supplier")}</dt>
              <dd>{supplierName ?? t("orders.distributor")}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("orders.detail.poNumber")}</dt>
              <dd>{order.poNumber ?? "—"}</dd>
            </div>
            {deal ? (
              <div>
                <dt className="text-slate-500">{t("deals.order.deal")}</dt>
                <dd>
                  <Link to={`/deals/${deal.id}`} className="text-blue-800 hover:underline">
                    {t("deals.order.dealValue", { number: deal.number, customer: deal.customerName })}
                  </Link>
                </dd>
              </div>
            ) : null}
            <div>
              <dt className="text-slate-500">{t("orders.detail.requestedDate")}</dt>
              <dd>{order.requestedDate ? formatDate(order.requestedDate, i18n.language) : "—"}</dd>
            </div>
            <div>
              <dt className="text-slate-500">{t("orders.detail.shipTo")}</dt>
              <dd>
                {shipTo.label} · {shipTo.recipient} {shipTo.phone}
                <br />
                {shipTo.province}
                {shipTo.city}
                {shipTo.district ?? ""}
                {shipTo.line}
              </dd>
            </div>
            {order.notes ? (
              <div className="sm:col-span-3">
                <dt className="text-slate-500">{t("orders.detail.notes")}</dt>
                <dd className="whitespace-pre-line">{order.notes}</dd>
              </div>
            ) : null}
          </dl>
        </Card>
        <Card title={t("orders.detail.lines")}>
          <OrderLinesTable lines={lines} />
          <dl className="mt-3 ml-auto grid max-w-xs grid-cols-2 gap-1 text-sm">
            <dt className="text-slate-600">{t("orders.detail.net")}</dt>
            <dd className="text-right tabular-nums">{money(order.totalFen - order.taxFen)}</dd>
            <dt className="text-slate-600">{t("orders.detail.tax")}</dt>
            <dd className="text-right tabular-nums">{money(order.taxFen)}</dd>
            <dt className="font-semibold">{t("orders.detail.total")}</dt>
            <dd className="text-right text-lg font-semibold tabular-nums">{money(order.totalFen)}</dd>
            {order.couponDiscountFen > 0n ? (
              <>
                <dt className="text-emerald-800">
                  {t("coupons.order.discount", { code: coupon?.code ?? "" })}
                  {coupon ? <div className="text-xs font-normal text-slate-500">{coupon.description}</div> : null}
                </dt>
                <dd className="text-right tabular-nums text-emerald-800" data-testid="coupon-discount">−{money(order.couponDiscountFen)}</dd>
              </>
            ) : null}
            {order.rebateAppliedFen > 0n ? (
              <>
                <dt className="text-emerald-800">{t("rebateBalance.order.applied")}</dt>
                <dd className="text-right tabular-nums text-emerald-800" data-testid="rebate-applied">−{money(order.rebateAppliedFen)}</dd>
              </>
            ) : null}
            {order.rebateAppliedFen > 0n || order.couponDiscountFen > 0n ? (
              <>
                <dt className="text-slate-600">{t("rebateBalance.order.payable")}</dt>
                <dd className="text-right tabular-nums">{money(order.totalFen - order.rebateAppliedFen - order.couponDiscountFen)}</dd>
              </>
            ) : null}
          </dl>
        </Card>
        <div className="grid gap-4 lg:grid-cols-2">
          <Card title={t("orders.detail.shipments")}>
            <Shipments shipments={shipments} />
          </Card>
          <Card title={t("orders.detail.invoices")}>
            <Invoices invoices={invoices} />
          </Card>
        </div>
        <Card title={t("orders.detail.timeline")}>
          <Timeline events={events} />
        </Card>
        <Link to="/orders" className="text-sm text-blue-700 underline-offset-2 hover:underline">
          {t("orders.detail.back")}
        </Link>
      </div>
    </>
  );
}
