import { useTranslation } from "@cs/i18n/react";
import { formatNumber } from "@cs/ui";
import { localName } from "@cs/i18n";

type Owned = { sku: string; nameZh: string; nameEn: string; free: number };

/** What the partner may take (SKU, name, free quantity), also offered as SKU suggestions. */
export function OwnedList({ id, title, empty, owned }: { id: string; title: string; empty: string; owned: Owned[] }) {
  const { i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  return (
    <div className="rounded-md bg-slate-50 p-3 text-sm ring-1 ring-slate-200">
      <h3 className="mb-1 font-medium text-slate-800">{title}</h3>
      {owned.length === 0 ? (
        <p className="text-slate-600">{empty}</p>
      ) : (
        <ul className="grid gap-x-4 gap-y-0.5 sm:grid-cols-2">
          {owned.map((o) => (
            <li key={o.sku} className="flex justify-between gap-2">
              <span>
                <span className="font-mono text-xs">{o.sku}</span> <span className="text-slate-600">{localName(zh, o.nameZh, o.nameEn)}</span>
              </span>
              <span className="tabular-nums">{formatNumber(o.free, i18n.language)}</span>
            </li>
          ))}
        </ul>
      )}
      <datalist id={id}>
        {owned.map((o) => (
          <option key={o.sku} value={o.sku}>
            {localName(zh, o.nameZh, o.nameEn)}
          </option>
        ))}
      </datalist>
    </div>
  );
}
