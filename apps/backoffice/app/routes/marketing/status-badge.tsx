import { useTranslation } from "@cs/i18n/react";
import { Badge } from "@cs/ui";

const tones = { draft: "slate", approved: "blue", running: "amber", closed: "green" } as const;

export function CampaignStatusBadge({ status }: { status: keyof typeof tones }) {
  const { t } = useTranslation();
  return <Badge tone={tones[status]}>{t(`marketing.statuses.${status}`)}</Badge>;
}
