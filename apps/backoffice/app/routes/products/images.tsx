import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import type { ProductImageRef } from "@cs/domain";
import { Button, Card, TextField } from "@cs/ui";
import { CsrfInput, FormAlert, ProductPicture, useFieldErrors, type ActionResult } from "@cs/web";

/** Intents of the edit page's action that belong to the pictures card. */
export const imageIntents = new Set(["image", "removeImage"]);

/** The product's pictures in order (the first is the catalogue's), each removable, and an upload form. */
export function ProductImages({ images, name, formKey, result }: { images: ProductImageRef[]; name: string; formKey: string; result: ActionResult }) {
  const { t } = useTranslation();
  const field = useFieldErrors(result);
  return (
    <Card title={t("product.images.title")} className="mb-4">
      <p className="mb-3 text-sm text-slate-600">{t("product.images.intro")}</p>
      <div className="mb-3 empty:hidden">
        <FormAlert result={result} />
      </div>
      {images.length === 0 ? (
        <p className="mb-3 text-sm text-slate-600">{t("product.images.empty")}</p>
      ) : (
        <ul className="mb-3 flex flex-wrap gap-3">
          {images.map((image, i) => (
            <li key={image.id} className="flex flex-col items-center gap-1 text-xs text-slate-600">
              <ProductPicture imageId={image.id} alt={`${name} · ${t("product.images.picture", { position: i + 1 })}`} size={120} />
              <span>{i === 0 ? t("product.images.first") : t("product.images.picture", { position: i + 1 })}</span>
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="intent" value="removeImage" />
                <input type="hidden" name="imageId" value={image.id} />
                <Button variant="secondary" className="px-2 py-1 text-xs" aria-label={t("product.images.removeOf", { position: i + 1 })}>
                  {t("product.images.remove")}
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      )}
      <Form method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3">
        <CsrfInput />
        <input type="hidden" name="intent" value="image" />
        <input type="hidden" name="_key" value={formKey} />
        <TextField label={t("product.images.file")} name="image" type="file" required accept="image/jpeg,image/png,image/webp" errors={field("image")} />
        <Button>{t("product.images.upload")}</Button>
      </Form>
    </Card>
  );
}
