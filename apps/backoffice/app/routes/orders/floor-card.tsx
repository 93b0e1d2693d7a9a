import { useTranslation } from "@cs/i18n/react";
import { localName } from "@cs/i18n";
import { Card, formatPercentBp } from "@cs/ui";
import type { DeskOrder } from "@cs/domain";

const percent = (bp: number | null | undefined, locale: string) => (bp === null || bp === undefined ? "—" : formatPercentBp(bp, locale, 2));

/** The approval request's margin-floor part: each line below its floor, its margin (cost:view only) against the floor. */
export function FloorCard({ detail }: { detail: DeskOrder }) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  if (detail.belowFloor.length === 0) return null;
  return (
    <Card title={t("desk.floor.title")}>
      <p className="mb-2 text-xs text-slate-500">{t("desk.floor.note")}</p>
      <ul className="divide-y divide-slate-100 text-sm">
        {detail.belowFloor.map((b) => (
          <li key={b.lineId} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2">
            <span>
              <span className="font-mono text-xs">{b.sku}</span> {localName(zh, b.nameZh, b.nameEn)}
            </span>
            <span className="flex gap-4 tabular-nums">
              <span>
                {t("desk.floor.margin")}:{" "}
                <strong className="text-red-700">{b.marginBp !== undefined ? percent(b.marginBp, i18n.language) : t("desk.floor.marginHidden")}</strong>
              </span>
              <span>
                {t("desk.floor.floor")}: {percent(b.floorBp, i18n.language)}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </Card>
  );
}
