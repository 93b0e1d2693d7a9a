import { randomUUID } from "node:crypto";
import { useTranslation } from "@cs/i18n/react";
import { Link } from "react-router";
import { getCatalogProduct } from "@cs/domain";
import { Card, FactList, PageHeader, formatMoney, type Fact } from "@cs/ui";
import { ProductPicture } from "@cs/web";
import { domainCtx, guarded } from "@cs/web/server";
import { localName } from "@cs/i18n";
import type { Route } from "./+types/detail";
import { AvailabilityBadge } from "./availability";
import { PriceWhy } from "./price-why";
import { AddResultAlert, AddToCart, addResultOf, lineErrorOf } from "./add-to-cart";
import { addToCartAction } from "./add-to-cart.server";

export const loader = guarded(async function loader({ context, request, params }: Route.LoaderArgs) {
  const ctx = domainCtx(context, request);
  return { product: await getCatalogProduct(ctx, params.id), formKey: randomUUID(), canOrder: ctx.actor.permissions.has("own_order:place") };
});

export const action = guarded(addToCartAction);

/** One product of the catalogue: its pictures, price and why, availability, warranty, and add to cart. */
export default function CatalogProduct({ loaderData, actionData }: Route.ComponentProps) {
  const { t, i18n } = useTranslation();
  const zh = i18n.language === "zh-CN";
  const { product: p, formKey, canOrder } = loaderData;
  const name = localName(zh, p.nameZh, p.nameEn);
  const result = addResultOf(actionData);
  const [first = null, ...more] = p.imageIds;
  const facts: Fact[] = [
    [t("catalog.columns.sku"), <span className="font-mono text-xs">{p.sku}</span>],
    [t("product.division"), localName(zh, p.divisionZh, p.divisionEn)],
    [t("product.line"), localName(zh, p.lineZh, p.lineEn)],
    [t("catalog.columns.listPrice"), formatMoney(p.listPriceFen, i18n.language)],
    ...(canOrder ? [[t("catalog.columns.yourPrice"), p.price ? <PriceWhy price={p.price} /> : "—"] satisfies Fact] : []),
    [
      t("catalog.columns.availability"),
      p.extendedWarrantyMonths ? <span className="text-xs text-slate-600">{t("network.extendedWarranty.noStock")}</span> : <AvailabilityBadge value={p.availability} />,
    ],
    [t("product.warranty"), p.warrantyMonths > 0 ? t("product.months", { count: p.warrantyMonths }) : t("product.noWarranty")],
  ];
  return (
    <>
      <PageHeader title={name}>
        <p className="mt-1 text-sm">
          <Link to="/catalog" className="text-blue-800 underline">
            {canOrder ? t("catalog.title") : t("nav.products")}
          </Link>
        </p>
      </PageHeader>
      <AddResultAlert result={result} />
      <div className="grid gap-4 md:grid-cols-[minmax(0,22rem)_1fr]">
        <div className="space-y-3">
          <ProductPicture imageId={first} alt={name} size={320} sizes="(min-width: 768px) 352px, calc(100vw - 2rem)" eager className="h-auto w-full" />
          {more.length ? (
            <ul className="flex flex-wrap gap-2">
              {more.map((id, i) => (
                <li key={id}>
                  <ProductPicture imageId={id} alt={`${name} · ${t("product.images.picture", { position: i + 2 })}`} size={96} />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <Card>
          <FactList facts={facts} />
          {canOrder ? (
            <div className="mt-4 border-t border-slate-200 pt-3">
              <AddToCart row={p} formKey={formKey} index={0} error={lineErrorOf(result, p.id)} />
            </div>
          ) : null}
        </Card>
      </div>
    </>
  );
}
