import { useTranslation } from "@cs/i18n/react";
import type { PartnerAvailability } from "@cs/domain";
import { Badge, formatNumber } from "@cs/ui";
import { hasKey } from "@cs/domain/shared/keys";

const bandTone = { in_stock: "green", low: "amber", out: "red" } as const;

/** A number or 有货 / 紧张 / 无货, as the partner's display policy says. */
export function AvailabilityBadge({ value }: { value: PartnerAvailability | null | undefined }) {
  const { t, i18n } = useTranslation();
  if (!value) return "—";
  if (hasKey(value, "exact")) return formatNumber(value.exact, i18n.language);
  return <Badge tone={bandTone[value.band]}>{t(`myStock.availability.bands.${value.band}`)}</Badge>;
}
