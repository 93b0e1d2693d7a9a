import { useTranslation } from "@cs/i18n/react";
import { PRODUCT_IMAGE_WIDTHS } from "@cs/domain/products/image-widths";
import { cn } from "@cs/ui";

/** Where each app serves a picture's sizes (a resource route of both). */
export const productImageUrl = (imageId: string, width: number) => `/product-images/${imageId}?w=${width}`;

type Props = {
  imageId: string | null;
  /** The product's name: the picture's text alternative. */
  alt: string;
  /** The box's side in CSS px: the width and height attributes (so the page does not shift as it loads). */
  size: number;
  /** How wide the picture shows at each viewport, for the browser's choice among the sizes (the `sizes` attribute). */
  sizes?: string;
  /** The detail page's first picture loads at once; catalogue cards wait until they are near. */
  eager?: boolean;
  className?: string;
};

/**
 * A product's picture in a square box of `size` px: every stored size in `srcset`, so a phone loads
 * the small one and a 2x screen the sharper one; a product without a picture gets a drawn
 * placeholder of the same size, labelled as such.
 */
export function ProductPicture({ imageId, alt, size, sizes, eager, className }: Props) {
  const { t } = useTranslation();
  const box = cn("aspect-square shrink-0 rounded-md bg-white ring-1 ring-slate-200", className);
  if (!imageId)
    return (
      <svg role="img" aria-label={t("product.images.none")} width={size} height={size} viewBox="0 0 48 48" className={cn(box, "bg-slate-50 text-slate-300")}>
        <rect x="10" y="14" width="28" height="20" rx="2" fill="none" stroke="currentColor" strokeWidth="2" />
        <circle cx="19" cy="21" r="2.5" fill="currentColor" />
        <path d="M12 32l8-7 5 4 5-5 6 8" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      </svg>
    );
  return (
    <img
      src={productImageUrl(imageId, PRODUCT_IMAGE_WIDTHS.find((w) => w >= size) ?? 640)}
      srcSet={PRODUCT_IMAGE_WIDTHS.map((w) => `${productImageUrl(imageId, w)} ${w}w`).join(", ")}
      sizes={sizes ?? `${size}px`}
      width={size}
      height={size}
      alt={alt}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
      className={cn(box, "object-contain")}
    />
  );
}
