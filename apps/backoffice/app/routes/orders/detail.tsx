import { useTranslation } from "@cs/i18n/react";
import { Link, useNavigation, useSearchParams } from "react-router";
import { getDeskOrder } from "@cs/domain";
import { Alert, Badge, PageHeader, buttonClass } from "@cs/ui";
import type { ActionResult } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/detail";
import { runOrderAction } from "./actions.server";
import { OrderStatusBadge } from "./columns";
import { CreditHoldPanel } from "./credit-panel";
import { FloorCard } from "./floor-card";
import { AllocateForm, CancelForm, DecisionForm, EditForm } from "./forms";
import { CreditCard, LinesCard, OrderFacts, ShipmentsCard, Timeline } from "./panels";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  return { detail: await getDeskOrder(domainCtx(context, request), params.id) };
});

export const action = guarded(async function action({ context, request, params }: Route.ActionArgs) {
  return runOrderAction(domainCtx(context, request), params.id, await request.formData());
});

const doneKeys = new Set(["approved", "rejected", "edited", "cancelled", "allocated", "holdOn", "holdOff", "heldConfirmed", "policy"]);

export default function DeskOrderPage({ loaderData, actionData }: Route.ComponentProps) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { detail } = loaderData;
  const o = detail.order;
  const result = (actionData ?? undefined) as ActionResult;
  const props = { detail, result, busy: navigation.state === "submitting" };
  const done = params.get("done");
  return (
    <div className="space-y-4">
      <PageHeader
        title={o.number}
        actions={
          <>
            {detail.may.ship ? (
              <Link to={`/shipping/orders/${o.id}`} className={buttonClass("primary")}>
                {t("desk.actions.ship")}
              </Link>
            ) : null}
            <Link to="/orders/queue/all" className={buttonClass("ghost")}>
              {t("common.back")}
            </Link>
          </>
        }
      >
        <div className="mt-1 flex flex-wrap items-center gap-2">
          <OrderStatusBadge status={o.status} t={t} />
          {o.approvalReasons.map((r) => (
            <Badge key={r} tone="amber">
              {t(`desk.reasons.${r}`, { defaultValue: r })}
            </Badge>
          ))}
        </div>
      </PageHeader>
      {done && doneKeys.has(done) && !actionData ? (
        <Alert tone="success">{t(`desk.done.${done}`, { orders: params.get("orders") ?? 0, units: params.get("units") ?? 0, count: Number(params.get("count") ?? 0) })}</Alert>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="lg:col-span-2">
          <OrderFacts detail={detail} />
        </div>
        <CreditCard detail={detail} />
      </div>
      <FloorCard detail={detail} />
      {detail.may.approve || detail.may.reject ? <DecisionForm {...props} /> : null}
      {detail.decisionBlocked ? <Alert tone="info">{t(`orders.errors.${detail.decisionBlocked}`)}</Alert> : null}
      <LinesCard detail={detail} />
      {detail.may.edit ? <EditForm {...props} /> : null}
      {detail.may.allocate ? <AllocateForm {...props} /> : null}
      {detail.may.cancel ? <CancelForm {...props} /> : null}
      {detail.creditTerms ? <CreditHoldPanel terms={detail.creditTerms} result={result} busy={props.busy} /> : null}
      <ShipmentsCard detail={detail} />
      <Timeline detail={detail} />
    </div>
  );
}
