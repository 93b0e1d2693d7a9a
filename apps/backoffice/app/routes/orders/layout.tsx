import { useTranslation } from "@cs/i18n/react";
import { Outlet } from "react-router";
import { authorize, countOrderQueues } from "@cs/domain";
import { TabNav, formatNumber } from "@cs/ui";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/layout";
import { queueTabs } from "./columns";

/** The desk's queues as tabs with their sizes; without order:read the section does not exist (404). */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  authorize(ctx.actor, "order:read");
  return { counts: await countOrderQueues(ctx) };
});

export default function OrdersLayout({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const counts = loaderData.counts as Record<string, number>;
  return (
    <>
      <TabNav
        label={t("desk.queues.label")}
        tabs={queueTabs.map((q) => ({
          to: `/orders/queue/${q}`,
          label: Object.hasOwn(counts, q) ? `${t(`desk.queues.${q}`)} (${formatNumber(counts[q] ?? 0, i18n.language)})` : t(`desk.queues.${q}`),
        }))}
      />
      <Outlet />
    </>
  );
}
