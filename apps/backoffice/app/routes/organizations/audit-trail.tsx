import { useTranslation } from "@cs/i18n/react";
import { Card, formatDateTime } from "@cs/ui";

type Entry = { id: bigint; action: string; before: unknown; after: unknown; at: Date; actorName: string | null };

function describe(before: unknown, after: unknown) {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !["id", "createdAt", "updatedAt", "version", "organizationId"].includes(k));
  return keys.slice(0, 8).map((k) => ({ field: k, before: b[k], after: a[k] }));
}

const fieldKey: Record<string, string> = { creditLimitFen: "creditLimit", paymentTermsDays: "paymentTerms", ownerBranchId: "branch", parentId: "parent" };

const show = (v: unknown) => (v === null || v === undefined || v === "" ? "—" : String(v));

/** Who changed what, with before → after for each field. */
export function AuditTrail({ entries }: { entries: Entry[] }) {
  const { t, i18n } = useTranslation();
  return (
    <Card title={t("audit.title")}>
      {entries.length === 0 ? (
        <p className="text-sm text-slate-600">{t("audit.empty")}</p>
      ) : (
        <ol className="space-y-3">
          {entries.map((e) => (
            <li key={String(e.id)} className="text-sm">
              <p className="text-slate-600">
                <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at, i18n.language)}</time> · {e.actorName ?? t("audit.system")} ·{" "}
                <strong className="font-medium text-slate-900">{t(`audit.actions.${e.action.replace(".", "_")}`, { defaultValue: e.action })}</strong>
              </p>
              {e.action === "update" || e.action.endsWith(".update") || e.action === "move" ? (
                <ul className="mt-1 ml-4 list-disc text-slate-800">
                  {describe(e.before, e.after).map((c) => (
                    <li key={c.field}>
                      {t(`org.fields.${fieldKey[c.field] ?? c.field}`, { defaultValue: c.field })}: <del className="text-slate-500">{show(c.before)}</del> → <ins className="no-underline">{show(c.after)}</ins>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}
