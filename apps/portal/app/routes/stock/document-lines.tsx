import { useTranslation } from "@cs/i18n/react";
import { DetailTable, formatNumber, type DetailColumn } from "@cs/ui";
import { localName } from "@cs/i18n";

type Line = { id: string; sku: string; nameZh: string; nameEn: string; quantity: number; serials: string[] };

/** The lines of a call-off or sell-out report; sell-outs also list the serials sold. */
export function DocumentLinesTable({ lines, withSerials = false }: { lines: Line[]; withSerials?: boolean }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  const columns: DetailColumn<Line>[] = [
    { id: "sku", header: t("myStock.columns.sku"), cell: (l) => <span className="font-mono text-xs">{l.sku}</span> },
    { id: "product", header: t("myStock.columns.product"), phoneTitle: true, cell: (l) => localName(zh, l.nameZh, l.nameEn) },
    { id: "quantity", header: t("myStock.columns.quantity"), align: "right", cell: (l) => formatNumber(l.quantity, i18n.language) },
    ...(withSerials ? [{ id: "serials", header: t("myStock.sellOut.serials"), cell: (l: Line) => <span className="font-mono text-xs">{l.serials.join(" ") || "—"}</span> }] : []),
  ];
  return <DetailTable caption={t(withSerials ? "myStock.sellOut.lines" : "myStock.callOff.lines")} columns={columns} rows={lines} getRowId={(l) => l.id} />;
}
