import { useTranslation } from "react-i18next";
import { Form, Link } from "react-router";
import { confirmDelivery, getShipment } from "@cs/domain";
import { Badge, Button, Card, PageHeader, formatDateTime } from "@cs/ui";
import { CsrfInput } from "@cs/web";
import { actionError, domainCtx, loaderError } from "@cs/web/server";
import type { Route } from "./+types/shipment";

export async function loader({ context, request, params }: Route.LoaderArgs) {
  try {
    return await getShipment(domainCtx(context, request), params.id);
  } catch (error) {
    loaderError(error);
  }
}

export async function action({ context, request, params }: Route.ActionArgs) {
  const form = await request.formData();
  try {
    await confirmDelivery(domainCtx(context, request), { shipmentId: params.id });
    return { delivered: true };
  } catch (error) {
    return actionError(error, form);
  }
}

export default function ShipmentDetail({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const { shipment, orderNumber, buyer, from, invoiceId, invoiceNumber, lines, canDeliver } = loaderData;
  const zh = i18n.language === "zh-CN";
  return (
    <>
      <PageHeader title={t("billing.shipping.detailTitle", { number: shipment.number })}>
        <Badge tone={shipment.status === "delivered" ? "green" : "blue"}>{t(`billing.shipmentStatus.${shipment.status}`)}</Badge>
      </PageHeader>
      
      <Card>
        <dl className="grid gap-3 text-sm sm:grid-cols-3">
          <div><dt className="text-slate-500">{t("billing.fields.order")}</dt><dd className="font-mono">{orderNumber}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.partner")}</dt><dd>{buyer}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.fromLocation")}</dt><dd>{from.code} {zh ? from.nameZh : from.nameEn}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.carrier")}</dt><dd>{shipment.carrier}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.trackingNumber")}</dt><dd className="font-mono">{shipment.trackingNumber}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.shippedAt")}</dt><dd>{formatDateTime(shipment.shippedAt, i18n.language)}</dd></div>
          <div><dt className="text-slate-500">{t("billing.fields.deliveredAt")}</dt><dd>{shipment.deliveredAt ? formatDateTime(shipment.deliveredAt, i18n.language) : "—"}</dd></div>
          <div>
            <dt className="text-slate-500">{t("billing.fields.invoice")}</dt>
            <dd>{invoiceId ? <Link className="font-mono text-blue-800 hover:underline" to={`/finance/invoices/${invoiceId}`}>{invoiceNumber}</Link> : "—"}</dd>
          </div>
        </dl>
      </Card>
      <Card title={t("billing.shipping.lines")} className="mt-4">
        <table className="w-full text-sm">
          <thead><tr className="text-left text-slate-500"><th className="py-1">{t("billing.fields.sku")}</th><th>{t("billing.fields.product")}</th><th className="text-right">{t("billing.fields.quantity")}</th><th>{t("billing.fields.serials")}</th></tr></thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.id} className="border-t border-slate-100">
                <td className="py-2 font-mono text-xs">{l.sku}</td>
                <td>{zh ? l.nameZh : l.nameEn}</td>
                <td className="text-right tabular-nums">{l.quantity}</td>
                <td className="font-mono text-xs">{l.serials.join(", ")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
      {canDeliver ? (
        <Form method="post" className="mt-4">
          <CsrfInput />
          <Button variant="secondary">{t("billing.shipping.confirmDelivery")}</Button>
        </Form>
      ) : null}
    </>
  );
}
