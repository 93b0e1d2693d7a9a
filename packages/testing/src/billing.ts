import { eq } from "drizzle-orm";
import { expect } from "vitest";
import { invoiceLines, invoices, organizations, type DatabaseOrTransaction } from "@cs/db";
import { splitVat } from "@cs/domain/billing/vat";
import { DomainError, ValidationError, type FieldErrors } from "@cs/domain/shared/errors";

/** Awaits `promise`, expecting a DomainError with this code and/or these field messages. Test-only. */
export async function expectDomainError(promise: Promise<unknown>, expected: { code?: string; fields?: FieldErrors }) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, "expected a DomainError").toBeInstanceOf(DomainError);
  if (expected.code) expect((error as DomainError).code).toBe(expected.code);
  if (expected.fields) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).fieldErrors).toEqual(expected.fields);
  }
}

let invoiceCounter = 0;

/** An invoice of `totalFen` (one line, 13% VAT) with chosen dates, written directly. Test-only. */
export async function createTestInvoice(
  db: DatabaseOrTransaction,
  input: { organizationId: string; productId: string; totalFen: bigint; issuedOn: string; dueOn: string },
) {
  const [org] = await db.select({ ownerBranchId: organizations.ownerBranchId }).from(organizations).where(eq(organizations.id, input.organizationId));
  const { netFen, taxFen } = splitVat(input.totalFen);
  const [row] = await db
    .insert(invoices)
    .values({
      kind: "invoice",
      number: `INV-T-${String(++invoiceCounter).padStart(5, "0")}-${Math.random().toString(36).slice(2, 6)}`,
      organizationId: input.organizationId,
      ownerBranchId: org!.ownerBranchId,
      issuedOn: input.issuedOn,
      dueOn: input.dueOn,
      netFen,
      taxFen,
      totalFen: input.totalFen,
    })
    .returning();
  await db.insert(invoiceLines).values({ invoiceId: row!.id, productId: input.productId, quantity: 1, unitPriceFen: input.totalFen, grossFen: input.totalFen, netFen, taxFen });
  return row!;
}
