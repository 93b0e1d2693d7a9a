import { useTranslation } from "@cs/i18n/react";
import { Badge, formatMoney } from "@cs/ui";
import type { CouponState } from "@cs/domain";

const tones = { usable: "green", scheduled: "blue", used_up: "slate", expired: "amber", revoked: "red" } as const;

/** What a coupon is today, in both apps' lists. */
export function CouponStateBadge({ state }: { state: CouponState }) {
  const { t } = useTranslation();
  return <Badge tone={tones[state]}>{t(`coupons.states.${state}`)}</Badge>;
}

type Terms = { kind: "amount" | "percent"; amountFen: bigint | null; percent: number | null; minOrderFen: bigint };

/** "¥10.00 off" or "7% off", and the minimum order under it. */
export function CouponValue({ coupon }: { coupon: Terms }) {
  const { t, i18n } = useTranslation();
  const value = coupon.kind === "amount" ? t("coupons.value.amount", { amount: formatMoney(coupon.amountFen ?? 0n, i18n.language) }) : t("coupons.value.percent", { percent: coupon.percent });
  return (
    <>
      <div className="font-semibold">{value}</div>
      <div className="text-xs text-slate-500">{coupon.minOrderFen > 0n ? t("coupons.minimum", { amount: formatMoney(coupon.minOrderFen, i18n.language) }) : t("coupons.noMinimum")}</div>
    </>
  );
}
