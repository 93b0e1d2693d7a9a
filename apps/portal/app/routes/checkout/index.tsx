import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Form, Link, redirect, useNavigation } from "react-router";
import { changeToken, checkoutDeals, checkoutOptions, getCart, previewCheckoutCoupon, splitVat, shanghaiToday, submitOrder, usableRebateBalance, ValidationError, type CartChange, type CouponReason } from "@cs/domain";
import { Alert, Button, Card, CheckboxField, PageHeader, SelectField, TextAreaField, TextField, buttonClass, formatDate, formatMoney } from "@cs/ui";
import { FormAlert, useFieldErrors, type ActionResult, FormKeys } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import { AvailabilityBadge } from "../catalog/availability";
import { PriceWhy } from "../catalog/price-why";
import type { Route } from "./+types/index";
import { checkoutError, readCheckout, type CheckoutError } from "./checkout.server";
import { CoveredSerials } from "./covered-serials";
import { localName } from "@cs/i18n";

/** The cart priced now, the buyer's addresses, and a fresh `_key` per render of the form. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  // The deal registration the buyer names (?deal=): the cart is priced with its special prices.
  const deal = new URL(request.url).searchParams.get("deal") ?? "";
  const [cart, options, rebateBalanceFen, deals] = await Promise.all([getCart(ctx, { dealRegistrationId: deal || null }), checkoutOptions(ctx), usableRebateBalance(ctx), checkoutDeals(ctx)]);
  const lines = cart.lines.map((l) => ({ ...l, taxFen: l.lineTotalFen === null ? null : splitVat(l.lineTotalFen).taxFen }));
  const taxFen = lines.reduce((s, l) => s + (l.taxFen ?? 0n), 0n);
  const changes = cart.lines
    .filter((l) => l.price && (l.priceChanged || l.availabilityChanged))
    .map((l) => ({ productId: l.productId, sku: l.sku, seenUnitPriceFen: l.seenUnitPriceFen, unitPriceFen: l.price!.unitPriceFen, seenAvailability: l.seenAvailability, availability: l.availability, token: changeToken(l.productId, l.price!.unitPriceFen, l.availability) }));
  // The coupon the buyer typed (?coupon=): previewed on the cart's goods with the order's own checks.
  const couponCode = (new URL(request.url).searchParams.get("coupon") ?? "").trim().slice(0, 40);
  const coupon = couponCode ? await previewCoupon(ctx, couponCode, cart.totalFen) : null;
  return { cart: { ...cart, lines }, taxFen, changes, addresses: options.addresses, credit: options.credit, formKey: randomUUID(), today: shanghaiToday(), rebateBalanceFen, deals, deal: deals.find((d) => d.id === deal) ?? null, couponCode, coupon };
});

type CouponPreview = { applied: CouponReason; error?: undefined } | { applied?: undefined; error: { key: string; params?: Record<string, string> } };

/** A refused code is shown on the field (translated), not as a failed page. */
async function previewCoupon(ctx: Parameters<typeof previewCheckoutCoupon>[0], code: string, goodsFen: bigint): Promise<CouponPreview> {
  try {
    return { applied: await previewCheckoutCoupon(ctx, code, goodsFen) };
  } catch (error) {
    if (error instanceof ValidationError) return { error: { key: error.fieldErrors.couponCode?.[0] ?? error.code, params: error.params } };
    throw error;
  }
}

/** One domain call; success goes to the (first) new order, a replayed key to the same one. */
export const action = guarded(async function action({ context, request }: Route.ActionArgs) {
  const ctx = domainCtx(context, request);
  const form = await request.formData();
  try {
    const { orders } = await submitOrder(ctx, readCheckout(form));
    const first = orders[0]!;
    return redirect(`/orders/${first.id}?placed=${orders.length}`);
  } catch (error) {
    return checkoutError(error, form);
  }
});

function Changes({ changes }: { changes: CartChange[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t("orders.checkout.changes.title")}>
      <p className="mb-2 text-sm text-slate-600">{t("orders.checkout.changes.intro")}</p>
      <div className="relative overflow-x-auto">
        <table className="min-w-full text-sm">
          <thead className="text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="px-2 py-1">SKU</th>
              <th scope="col" className="px-2 py-1 text-right">{t("orders.checkout.changes.seenPrice")}</th>
              <th scope="col" className="px-2 py-1 text-right">{t("orders.checkout.changes.nowPrice")}</th>
              <th scope="col" className="px-2 py-1 text-right">{t("orders.checkout.changes.seenAvailability")}</th>
              <th scope="col" className="px-2 py-1 text-right">{t("orders.checkout.changes.nowAvailability")}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.productId} className="border-t border-slate-100">
                <td className="px-2 py-1 font-mono text-xs">{c.sku}</td>
                <td className="px-2 py-1 text-right tabular-nums text-slate-500">{formatMoney(c.seenUnitPriceFen, i18n.language)}</td>
                <td className={`px-2 py-1 text-right tabular-nums ${c.seenUnitPriceFen !== c.unitPriceFen ? "font-semibold text-amber-800" : ""}`}>{formatMoney(c.unitPriceFen, i18n.language)}</td>
                <td className="px-2 py-1 text-right"><AvailabilityBadge value={c.seenAvailability} /></td>
                <td className="px-2 py-1 text-right"><AvailabilityBadge value={c.availability} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {changes.map((c) => (
        <input key={c.token} type="hidden" name="changeToken" value={c.token} form="checkout" />
      ))}
      <CheckboxField label={t("orders.checkout.changes.accept")} name="acceptChanges" value="yes" required form="checkout" className="mt-3" />
    </Card>
  );
}

/** The buyer's credit before submitting: limit, used, this order, what stays; and whether the order will wait. */
function CreditCheck({ credit, orderFen }: { credit: { limitFen: bigint; usedFen: bigint; availableFen: bigint; onHold: boolean }; orderFen: bigint }) {
  const { t, i18n } = useTranslation();
  const money = (fen: bigint) => formatMoney(fen, i18n.language);
  const after = credit.availableFen - orderFen;
  const rows: [string, bigint][] = [
    ["limit", credit.limitFen],
    ["used", credit.usedFen],
    ["thisOrder", orderFen],
    ["after", after],
  ];
  return (
    <Card title={t("orders.checkout.credit.title")}>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm sm:grid-cols-4">
        {rows.map(([key, fen]) => (
          <div key={key}>
            <dt className="text-xs text-slate-500">{t(`orders.checkout.credit.${key}`)}</dt>
            <dd className={`font-semibold tabular-nums ${key === "after" && fen < 0n ? "text-red-700" : "text-slate-900"}`}>{money(fen)}</dd>
          </div>
        ))}
      </dl>
      {credit.onHold ? (
        <div className="mt-3">
          <Alert tone="info">{t("orders.checkout.credit.onHold")}</Alert>
        </div>
      ) : after < 0n ? (
        <div className="mt-3">
          <Alert tone="info">{t("orders.checkout.credit.overLimit", { amount: money(-after) })}</Alert>
        </div>
      ) : null}
    </Card>
  );
}

/** The rebate balance the buyer may apply (the server checks it against the distributor-supplied order). */
function RebateField({ balanceFen, totalFen, defaultValue, errors }: { balanceFen: bigint; totalFen: bigint; defaultValue?: string; errors?: string[] | null }) {
  const { t, i18n } = useTranslation();
  const max = balanceFen < totalFen ? balanceFen : totalFen;
  return (
    <fieldset className="rounded-md border border-emerald-200 bg-emerald-50/60 p-3 sm:col-span-2">
      <legend className="px-1 text-sm font-semibold text-emerald-900">{t("rebateBalance.checkout.title")}</legend>
      <p className="mb-2 text-sm text-slate-700">{t("rebateBalance.checkout.available", { balance: formatMoney(balanceFen, i18n.language) })}</p>
      <TextField
        label={t("rebateBalance.checkout.amount")}
        name="rebateAmount"
        inputMode="decimal"
        placeholder="0.00"
        defaultValue={defaultValue}
        errors={errors}
        hint={t("rebateBalance.checkout.hint", { max: formatMoney(max, i18n.language) })}
        className="max-w-xs"
      />
    </fieldset>
  );
}

/** The coupon code (a GET form: the page previews the discount; the order applies it again on submit). */
function CouponChoice({ code, coupon, deal, errors }: { code: string; coupon: CouponPreview | null; deal: string | null; errors?: string[] | null }) {
  const { t } = useTranslation();
  const refused = coupon?.error ? [t(coupon.error.key, coupon.error.params)] : errors;
  return (
    <Card title={t("coupons.checkout.title")}>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        {deal ? <input type="hidden" name="deal" value={deal} /> : null}
        <TextField label={t("coupons.checkout.code")} name="coupon" defaultValue={code} maxLength={40} autoComplete="off" className="min-w-0 flex-1 basis-60 font-mono" errors={refused} />
        <Button variant="secondary">{t("coupons.checkout.apply")}</Button>
        {code ? (
          <Link to={deal ? `?deal=${encodeURIComponent(deal)}` : "?"} className="self-center text-sm text-slate-600 hover:underline">
            {t("coupons.checkout.remove")}
          </Link>
        ) : null}
      </Form>
      <p className="mt-2 text-xs text-slate-500">{coupon?.applied ? t("coupons.checkout.applied", { code: coupon.applied.code, description: coupon.applied.description }) : t("coupons.checkout.hint")}</p>
    </Card>
  );
}

type DealOption = { id: string; number: string; customerName: string; protectedUntil: string | null };

/** The end customer's registration the order is for (a GET form: the page re-prices with its special prices). */
function DealChoice({ deals, deal, coupon, errors }: { deals: DealOption[]; deal: DealOption | null; coupon: string; errors?: string[] | null }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t("deals.checkout.label")}>
      <Form method="get" className="flex flex-wrap items-end gap-3">
        {coupon ? <input type="hidden" name="coupon" value={coupon} /> : null}
        <SelectField
          label={t("deals.checkout.label")}
          name="deal"
          className="min-w-0 flex-1 basis-72"
          defaultValue={deal?.id ?? ""}
          placeholder={t("deals.checkout.none")}
          errors={errors}
          options={deals.map((d) => ({ value: d.id, label: t("deals.checkout.option", { number: d.number, customer: d.customerName, until: d.protectedUntil ? formatDate(d.protectedUntil, i18n.language) : "—" }) }))}
        />
        <Button variant="secondary">{t("deals.checkout.apply")}</Button>
      </Form>
      <p className="mt-2 text-xs text-slate-500">{deal ? t("deals.checkout.applied", { number: deal.number, customer: deal.customerName }) : t("deals.checkout.hint")}</p>
    </Card>
  );
}

export default function Checkout({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const { cart, taxFen, addresses, formKey, today, rebateBalanceFen, credit, deals, deal, couponCode, coupon } = loaderData;
  const couponFen = coupon?.applied?.discountFen ?? 0n;
  const failed = (actionData ?? undefined) as CheckoutError | undefined;
  const result = failed as ActionResult;
  const field = useFieldErrors(result);
  const changes = failed?.changes ?? loaderData.changes;
  const value = (name: string) => (typeof failed?.initialValue?.[name] === "string" ? (failed.initialValue[name] as string) : undefined);
  const money = (fen: bigint) => formatMoney(fen, i18n.language);

  if (cart.lines.length === 0)
    return (
      <>
        <PageHeader title={t("orders.checkout.title")} />
        <Card>
          <p className="text-sm text-slate-600">{t("orders.checkout.empty")}</p>
          <Link to="/catalog" className={buttonClass("primary", "mt-3")}>
            {t("orders.checkout.browse")}
          </Link>
        </Card>
      </>
    );

  return (
    <>
      <PageHeader title={t("orders.checkout.title")}>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("orders.checkout.intro")}</p>
      </PageHeader>
      <div className="space-y-4">
        <FormAlert result={result} />
        {cart.blocked ? <Alert>{t("orders.checkout.blocked")}</Alert> : null}
        {addresses.length === 0 ? (
          <Alert tone="info">
            <Link to="/company" className="underline">
              {t("orders.checkout.noAddress")}
            </Link>
          </Alert>
        ) : null}
        <Card title={t("orders.checkout.summary")} actions={<Link to="/cart" className="text-sm text-blue-700 underline-offset-2 hover:underline">{t("orders.checkout.backToCart")}</Link>}>
          <div className="relative overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <caption className="sr-only">{t("orders.checkout.summary")}</caption>
              <thead className="text-left text-xs text-slate-600">
                <tr>
                  <th scope="col" className="px-2 py-2">{t("orders.lines.product")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("orders.lines.quantity")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("orders.lines.unitPrice")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("orders.lines.lineTotal")}</th>
                  <th scope="col" className="px-2 py-2 text-right">{t("orders.lines.tax")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {cart.lines.map((l) => (
                  <tr key={l.productId}>
                    <td className="px-2 py-2">
                      <div className="font-mono text-xs">{l.sku}</div>
                      <div>{localName(i18n.language === "zh-CN", l.nameZh, l.nameEn)}</div>
                    </td>
                    <td className="px-2 py-2 text-right tabular-nums">{l.quantity}</td>
                    <td className="px-2 py-2">{l.price ? <PriceWhy price={l.price} /> : "—"}</td>
                    <td className="px-2 py-2 text-right tabular-nums">{l.lineTotalFen === null ? "—" : money(l.lineTotalFen)}</td>
                    <td className="px-2 py-2 text-right tabular-nums text-slate-600">{l.taxFen === null ? "—" : money(l.taxFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl className="mt-3 ml-auto grid max-w-xs grid-cols-2 gap-1 text-sm">
            <dt className="text-slate-600">{t("orders.checkout.net")}</dt>
            <dd className="text-right tabular-nums">{money(cart.totalFen - taxFen)}</dd>
            <dt className="text-slate-600">{t("orders.checkout.tax")}</dt>
            <dd className="text-right tabular-nums">{money(taxFen)}</dd>
            <dt className="font-semibold">{t("orders.checkout.total")}</dt>
            <dd className="text-right text-lg font-semibold tabular-nums">{money(cart.totalFen)}</dd>
            {coupon?.applied ? (
              <>
                <dt className="text-emerald-800">
                  {t("coupons.checkout.line", { code: coupon.applied.code })}
                  <div className="text-xs font-normal text-slate-500">{coupon.applied.description}</div>
                </dt>
                <dd className="text-right tabular-nums text-emerald-800" data-testid="coupon-discount">−{money(couponFen)}</dd>
                <dt className="font-semibold">{t("coupons.checkout.payable")}</dt>
                <dd className="text-right font-semibold tabular-nums">{money(cart.totalFen - couponFen)}</dd>
              </>
            ) : null}
          </dl>
          {cart.lines.some((l) => l.short) ? <p className="mt-2 text-xs text-slate-500">{t("orders.checkout.shortNote")}</p> : null}
        </Card>
        <CreditCheck credit={credit} orderFen={cart.totalFen - couponFen} />
        {changes.length > 0 ? <Changes changes={changes} /> : null}
        <CouponChoice code={couponCode} coupon={coupon} deal={deal?.id ?? null} errors={field("couponCode")} />
        {deals.length > 0 ? <DealChoice deals={deals} deal={deal} coupon={couponCode} errors={field("dealRegistrationId")} /> : null}
        <CoveredSerials lines={cart.lines} errorFor={(productId) => field(`coveredSerials.${productId}`)} valueOf={value} />
        <Card>
          <Form method="post" id="checkout" className="grid gap-3 sm:grid-cols-2">
            <FormKeys formKey={formKey} />
            {deal ? <input type="hidden" name="dealRegistrationId" value={deal.id} /> : null}
            {coupon?.applied ? <input type="hidden" name="couponCode" value={coupon.applied.code} /> : null}
            <SelectField
              label={t("orders.checkout.shipTo")}
              name="shipToAddressId"
              required
              className="sm:col-span-2"
              defaultValue={value("shipToAddressId") ?? addresses[0]?.id}
              errors={field("shipToAddressId")}
              options={addresses.map((a) => ({ value: a.id, label: `${a.label} · ${a.recipient} ${a.phone} · ${a.province}${a.city}${a.district ?? ""}${a.line}` }))}
            />
            <TextField label={t("orders.checkout.requestedDate")} name="requestedDate" type="date" min={today} defaultValue={value("requestedDate")} errors={field("requestedDate")} />
            <TextField label={t("orders.checkout.poNumber")} name="poNumber" maxLength={50} defaultValue={value("poNumber")} errors={field("poNumber")} />
            <TextAreaField label={t("orders.checkout.notes")} name="notes" maxLength={1000} rows={2} className="sm:col-span-2" defaultValue={value("notes")} errors={field("notes")} />
            {rebateBalanceFen ? <RebateField balanceFen={rebateBalanceFen} totalFen={cart.totalFen - couponFen} defaultValue={value("rebateAmount")} errors={field("rebateAmount")} /> : null}
            <div className="flex items-center justify-end gap-3 sm:col-span-2">
              <span className="text-sm text-slate-600">
                {t("orders.checkout.lines", { count: cart.lines.length })} · {money(cart.totalFen - couponFen)}
              </span>
              <Button disabled={cart.blocked || addresses.length === 0} aria-busy={navigation.state === "submitting" ? true : undefined}>
                {t("orders.checkout.submit")}
              </Button>
            </div>
          </Form>
        </Card>
      </div>
    </>
  );
}
