import { auditLog, type DatabaseOrTransaction } from "@cs/db";
import type { Actor } from "../access/actor";

/** JSON cannot hold bigint; audit snapshots keep money as decimal strings of fen. */
export function toAuditJson(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v)),
  );
}

export async function recordAudit(
  db: DatabaseOrTransaction,
  actor: Actor,
  entry: { action: string; entity: string; entityId: string; before?: unknown; after?: unknown },
) {
  await db.insert(auditLog).values({
    actorId: actor.userId,
    actorOrganizationId: actor.organizationId,
    action: entry.action,
    entity: entry.entity,
    entityId: entry.entityId,
    before: toAuditJson(entry.before),
    after: toAuditJson(entry.after),
    ip: actor.ip ?? null,
  });
}

/** Only the fields that changed, so the trail reads as "what changed", not two full snapshots. */
export function diffFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const was = before[key];
    const now = after[key];
    if (String(was ?? "") !== String(now ?? "")) {
      b[key] = was ?? null;
      a[key] = now ?? null;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
