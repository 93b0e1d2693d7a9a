import { useTranslation } from "@cs/i18n/react";
import { listMyCoupons } from "@cs/domain";
import { Card, PageHeader, formatDate } from "@cs/ui";
import { CouponStateBadge, CouponValue } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import type { Route } from "./+types/list";

/** The partner's coupons: its own and its tier's, usable ones first. */
export const loader = guarded(async function loader({ context, request }: Route.LoaderArgs) {
  return { coupons: await listMyCoupons(domainCtx(context, request)) };
});

export default function MyCoupons({ loaderData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const { coupons } = loaderData;
  return (
    <>
      <PageHeader title={t("coupons.nav.portal")}>
        <p className="max-w-3xl text-sm text-slate-600">{t("coupons.portalIntro")}</p>
      </PageHeader>
      {coupons.length === 0 ? (
        <Card>
          <p className="text-sm text-slate-600">{t("coupons.mineEmpty")}</p>
        </Card>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label={t("coupons.nav.portal")}>
          {coupons.map((c) => (
            <li key={c.id} className={`rounded-md border p-3 ${c.state === "usable" ? "border-emerald-300 bg-emerald-50/50" : "border-slate-200 bg-white opacity-80"}`}>
              <div className="flex items-start justify-between gap-2">
                <span className="font-mono text-base font-semibold tracking-wider">{c.code}</span>
                <CouponStateBadge state={c.state} />
              </div>
              <div className="mt-2 text-sm">
                <CouponValue coupon={c} />
              </div>
              <p className="mt-1 text-sm text-slate-700">{c.description}</p>
              <p className="mt-1 text-xs text-slate-500">
                {formatDate(c.validFrom, locale)} – {formatDate(c.validUntil, locale)} · {t("coupons.usesLeft", { count: c.usesLeft })}
                {c.forTier ? ` · ${t("coupons.forTier")}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
