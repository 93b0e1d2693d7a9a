import { ValidationError, type FieldErrors } from "../shared/errors";

export type OpenInvoice = { id: string; outstandingFen: bigint; dueOn: string; issuedOn: string; number: string };
export type ExplicitAllocation = { invoiceId: string; amountFen: bigint };
export type Allocation = { invoiceId: string; amountFen: bigint };
export type AllocationPlan = { allocations: Allocation[]; unallocatedFen: bigint };

/** Oldest debt first: earliest due date, then issue date, then number (stable and gap-free). */
export function oldestFirst<T extends Pick<OpenInvoice, "dueOn" | "issuedOn" | "number">>(invoices: readonly T[]): T[] {
  const key = (i: T) => `${i.dueOn}|${i.issuedOn}|${i.number}`;
  return [...invoices].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Splits `amountFen` over open invoices: the amounts the user chose (`explicit`), or oldest first
 * when none were chosen. Nothing is ever allocated beyond an invoice's outstanding amount; money
 * left over stays unallocated only when the user said so (`keepRemainderAsCredit`), otherwise the
 * whole plan is refused. Field errors are translation keys keyed like the form's fields.
 */
export function planAllocation(input: {
  amountFen: bigint;
  invoices: readonly OpenInvoice[];
  explicit?: readonly ExplicitAllocation[];
  keepRemainderAsCredit: boolean;
}): AllocationPlan {
  const { amountFen, invoices, explicit, keepRemainderAsCredit } = input;
  if (amountFen <= 0n) throw new ValidationError({ amount: ["billing.validation.amountPositive"] });
  const open = new Map(invoices.map((i) => [i.id, i]));
  let allocations: Allocation[];

  if (explicit && explicit.length > 0) {
    const errors: FieldErrors = {};
    const seen = new Set<string>();
    explicit.forEach((a, n) => {
      const invoice = open.get(a.invoiceId);
      if (!invoice || seen.has(a.invoiceId)) errors[`allocations.${n}.invoiceId`] = ["billing.validation.invoiceNotOpen"];
      else if (a.amountFen <= 0n) errors[`allocations.${n}.amount`] = ["billing.validation.amountPositive"];
      else if (a.amountFen > invoice.outstandingFen) errors[`allocations.${n}.amount`] = ["billing.validation.moreThanOutstanding"];
      seen.add(a.invoiceId);
    });
    if (Object.keys(errors).length) throw new ValidationError(errors);
    allocations = explicit.map((a) => ({ invoiceId: a.invoiceId, amountFen: a.amountFen }));
    const total = allocations.reduce((s, a) => s + a.amountFen, 0n);
    if (total > amountFen) throw new ValidationError({ allocations: ["billing.validation.allocatedMoreThanPaid"] });
  } else {
    allocations = [];
    let left = amountFen;
    for (const invoice of oldestFirst(invoices)) {
      if (left === 0n) break;
      if (invoice.outstandingFen <= 0n) continue;
      const take = invoice.outstandingFen < left ? invoice.outstandingFen : left;
      allocations.push({ invoiceId: invoice.id, amountFen: take });
      left -= take;
    }
  }

  const unallocatedFen = amountFen - allocations.reduce((s, a) => s + a.amountFen, 0n);
  if (unallocatedFen > 0n && !keepRemainderAsCredit)
    throw new ValidationError({ keepRemainderAsCredit: ["billing.validation.remainderUnassigned"] }, "billing.validation.remainderUnassigned");
  return { allocations, unallocatedFen };
}
