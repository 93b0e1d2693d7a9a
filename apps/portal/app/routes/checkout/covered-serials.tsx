import { useTranslation } from "@cs/i18n/react";
import type { CartLine } from "@cs/domain";
import { Card } from "@cs/ui";
import { localName } from "@cs/i18n";

/** The field names the checkout form posts for an extended-warranty line's n-th unit (read by readCoveredSerials). */
export const coveredSerialName = (productId: string, n: number) => `coveredSerials.${productId}.${n}`;

/**
 * One device serial per unit of each extended-warranty line (docs/decisions/006), posted with the
 * checkout form (`form="checkout"`); the server checks them and answers per line.
 */
export function CoveredSerials({
  lines,
  errorFor,
  valueOf,
}: {
  lines: Pick<CartLine, "productId" | "sku" | "nameZh" | "nameEn" | "quantity" | "extendedWarrantyMonths">[];
  errorFor: (productId: string) => string[] | null;
  valueOf: (name: string) => string | undefined;
}) {
  const { t, i18n } = useTranslation();
  const services = lines.filter((l) => l.extendedWarrantyMonths);
  if (services.length === 0) return null;
  return (
    <Card title={t("network.extendedWarranty.title")}>
      <p className="mb-3 text-sm text-slate-600">{t("network.extendedWarranty.intro")}</p>
      <div className="space-y-4">
        {services.map((l) => {
          const error = errorFor(l.productId);
          const errorId = `covered-${l.productId}-error`;
          return (
            <fieldset key={l.productId} className="rounded-md border border-slate-200 p-3" aria-describedby={error ? errorId : undefined}>
              <legend className="px-1 text-sm font-medium">
                <span className="font-mono text-xs">{l.sku}</span> {localName(i18n.language === "zh-CN", l.nameZh, l.nameEn)} ·{" "}
                {t("network.extendedWarranty.badge", { months: l.extendedWarrantyMonths })}
              </legend>
              <div className="grid gap-2 sm:grid-cols-2">
                {Array.from({ length: l.quantity }, (_, i) => {
                  const name = coveredSerialName(l.productId, i);
                  const id = `covered-${l.productId}-${i}`;
                  return (
                    <div key={name}>
                      <label htmlFor={id} className="block text-xs text-slate-600">
                        {t("network.extendedWarranty.serial", { n: i + 1, sku: l.sku })}
                      </label>
                      <input
                        id={id}
                        name={name}
                        form="checkout"
                        required
                        maxLength={100}
                        autoComplete="off"
                        defaultValue={valueOf(name)}
                        aria-invalid={error ? true : undefined}
                        className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 font-mono text-sm"
                      />
                    </div>
                  );
                })}
              </div>
              {error ? (
                <p id={errorId} role="alert" className="mt-2 text-sm text-red-700">
                  {error.join(" ")}
                </p>
              ) : null}
            </fieldset>
          );
        })}
      </div>
    </Card>
  );
}
