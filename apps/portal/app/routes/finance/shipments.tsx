import { useTranslation } from "@cs/i18n/react";
import { ShipmentsPage } from "@cs/web";
import { guarded, sharedLoaders } from "@cs/web/server";
import type { Route } from "./+types/shipments";

export const loader = guarded(sharedLoaders.shipments);

export default function Shipments({ loaderData }: Route.ComponentProps) {
  const { t } = useTranslation();
  return <ShipmentsPage title={t("billing.portal.shipments")} base="/finance/shipments" {...loaderData} />;
}
