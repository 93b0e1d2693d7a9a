import { useTranslation } from "@cs/i18n/react";
import type { OrderStatus } from "@cs/domain";
import { Badge } from "@cs/ui";

const tone = {
  submitted: "slate",
  pending_approval: "amber",
  confirmed: "blue",
  partially_shipped: "blue",
  shipped: "green",
  completed: "green",
  rejected: "red",
  cancelled: "red",
} as const satisfies Record<OrderStatus, string>;

/** Every status, in lifecycle order (kept here so client code need not import the schema). */
export const orderStatusList = Object.keys(tone) as OrderStatus[];

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <Badge tone={tone[status]}>{t(`orders.status.${status}`)}</Badge>;
}
