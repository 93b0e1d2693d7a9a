import { and, eq, ne } from "drizzle-orm";
import { addresses, contacts } from "@cs/db";
import { authorize } from "../access/authorize";
import { diffFields, recordAudit } from "../shared/audit";
import { inTransaction, type Ctx } from "../shared/context";
import { NotFoundError } from "../shared/errors";
import { keyOf, once } from "../shared/idempotency";
import { findOrganizationInScope } from "./get";
import { isUuid, parseInput } from "../shared/parse";
import { addressInput, contactInput } from "./schema";

/** Staff manage contacts of organizations in scope; a partner admin those of its own company. */
async function editableOrganization(ctx: Ctx, organizationId: string) {
  authorize(ctx.actor, "contact:manage");
  return findOrganizationInScope(ctx, organizationId, { forUpdate: true });
}

function contactColumns(input: ReturnType<typeof contactInput.parse>) {
  return {
    name: input.name,
    title: input.title ?? null,
    mobile: input.mobile ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    birthday: input.birthday ?? null,
    isPrimary: input.isPrimary,
  };
}

/** Creates when `contactId` is absent; the form's `_key` makes a retried create land once. */
export async function saveContact(ctx: Ctx, organizationId: string, contactId: string | undefined, raw: unknown) {
  const input = parseInput(contactInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    await editableOrganization(tctx, organizationId);
    const values = contactColumns(input);
    if (contactId && !isUuid(contactId)) throw new NotFoundError("contact");
    const [existing] = contactId
      ? await tx
          .select()
          .from(contacts)
          .where(and(eq(contacts.id, contactId), eq(contacts.organizationId, organizationId)))
      : [];
    if (contactId && !existing) throw new NotFoundError("contact");
    // Inside the create's `once`, not before it: a replayed create must not demote the contact it made.
    const clearOtherPrimaries = async (keepId?: string) => {
      if (values.isPrimary)
        await tx
          .update(contacts)
          .set({ isPrimary: false })
          .where(and(eq(contacts.organizationId, organizationId), keepId ? ne(contacts.id, keepId) : undefined));
    };
    if (existing) {
      await clearOtherPrimaries(existing.id);
      const diff = diffFields(existing as Record<string, unknown>, values);
      if (!diff.changed) return existing;
      const [row] = await tx
        .update(contacts)
        .set({ ...values, updatedAt: new Date() })
        .where(eq(contacts.id, existing.id))
        .returning();
      await recordAudit(tx, ctx.actor, {
        action: "contact.update",
        entity: "organization",
        entityId: organizationId,
        before: { contact: existing.name, ...diff.before },
        after: { contact: values.name, ...diff.after },
      });
      return row!;
    }
    const { result } = await once(tx, ctx.actor, keyOf(raw), { organizationId, values }, async () => {
      await clearOtherPrimaries();
      const [row] = await tx.insert(contacts).values({ ...values, organizationId }).returning();
      await recordAudit(tx, ctx.actor, { action: "contact.create", entity: "organization", entityId: organizationId, after: row });
      return { id: row!.id };
    });
    return { id: result.id };
  });
}

export async function deleteContact(ctx: Ctx, organizationId: string, contactId: string) {
  return inTransaction(ctx, async (tx, tctx) => {
    await editableOrganization(tctx, organizationId);
    if (!isUuid(contactId)) return null;
    const [row] = await tx
      .delete(contacts)
      .where(and(eq(contacts.id, contactId), eq(contacts.organizationId, organizationId)))
      .returning();
    // Deleting twice is fine: the second time there is nothing left to delete.
    if (row) await recordAudit(tx, ctx.actor, { action: "contact.delete", entity: "organization", entityId: organizationId, before: row });
    return row ?? null;
  });
}

export async function saveAddress(ctx: Ctx, organizationId: string, addressId: string | undefined, raw: unknown) {
  const input = parseInput(addressInput, raw);
  return inTransaction(ctx, async (tx, tctx) => {
    await editableOrganization(tctx, organizationId);
    const values = { ...input, district: input.district ?? null, phone: input.phone! };
    if (addressId && !isUuid(addressId)) throw new NotFoundError("address");
    const [existing] = addressId
      ? await tx
          .select()
          .from(addresses)
          .where(and(eq(addresses.id, addressId), eq(addresses.organizationId, organizationId)))
      : [];
    if (addressId && !existing) throw new NotFoundError("address");
    // As for contacts: a replayed create must not take the default away from the address it made.
    const clearOtherDefaults = async (keepId?: string) => {
      if (values.isDefault)
        await tx
          .update(addresses)
          .set({ isDefault: false })
          .where(and(eq(addresses.organizationId, organizationId), keepId ? ne(addresses.id, keepId) : undefined));
    };
    if (existing) {
      await clearOtherDefaults(existing.id);
      const diff = diffFields(existing as Record<string, unknown>, values);
      if (!diff.changed) return existing;
      const [row] = await tx.update(addresses).set(values).where(eq(addresses.id, existing.id)).returning();
      await recordAudit(tx, ctx.actor, { action: "address.update", entity: "organization", entityId: organizationId, before: diff.before, after: diff.after });
      return row!;
    }
    const { result } = await once(tx, ctx.actor, keyOf(raw), { organizationId, values }, async () => {
      await clearOtherDefaults();
      const [row] = await tx.insert(addresses).values({ ...values, organizationId }).returning();
      await recordAudit(tx, ctx.actor, { action: "address.create", entity: "organization", entityId: organizationId, after: row });
      return { id: row!.id };
    });
    return { id: result.id };
  });
}
