import { useTranslation } from "@cs/i18n/react";
import { formatNumber } from "@cs/ui";
import { localName } from "@cs/i18n";

type Line = { id: string; sku: string; nameZh: string; nameEn: string; quantity: number; serials: string[] };

/** The lines of a call-off or sell-out report; sell-outs also list the serials sold. */
export function DocumentLinesTable({ lines, withSerials = false }: { lines: Line[]; withSerials?: boolean }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  return (
    <div className="relative overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead>
          <tr className="text-left text-slate-700">
            <th scope="col" className="px-3 py-2">{t("myStock.columns.sku")}</th>
            <th scope="col" className="px-3 py-2">{t("myStock.columns.product")}</th>
            <th scope="col" className="px-3 py-2 text-right">{t("myStock.columns.quantity")}</th>
            {withSerials ? <th scope="col" className="px-3 py-2">{t("myStock.sellOut.serials")}</th> : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((l) => (
            <tr key={l.id}>
              <td className="px-3 py-2 font-mono text-xs">{l.sku}</td>
              <td className="px-3 py-2">{localName(zh, l.nameZh, l.nameEn)}</td>
              <td className="px-3 py-2 text-right tabular-nums">{formatNumber(l.quantity, i18n.language)}</td>
              {withSerials ? <td className="px-3 py-2 font-mono text-xs">{l.serials.join(" ") || "—"}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
