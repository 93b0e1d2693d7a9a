import { useTranslation } from "@cs/i18n/react";
import type { DataTableLabels } from "@cs/ui";

export function useTableLabels(): DataTableLabels {
  const { t } = useTranslation();
  return {
    empty: t("table.empty"),
    rows: (count) => t("table.rows", { count }),
    page: (page, pages) => t("table.page", { page, pages }),
    previous: t("table.previous"),
    next: t("table.next"),
    columns: t("table.columns"),
    apply: t("common.apply"),
    pageSize: t("table.pageSize"),
    sortedAsc: t("table.sortedAsc"),
    sortedDesc: t("table.sortedDesc"),
    pagination: t("table.pagination"),
  };
}
