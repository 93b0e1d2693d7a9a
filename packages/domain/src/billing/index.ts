export * from "./vat";
export * from "./allocate";
export { priceInvoiceLines } from "./invoice";
export { shipOrder, confirmDelivery, shipOrderInput, type ShipOrderInput } from "./ship";
export * from "./payment-notices";
export * from "./statement-records";
export * from "./statement-confirm";
export { recordPayment, recordPaymentInput, allocateCredit, allocateCreditInput, paymentMethodOptions } from "./payments";
export { createCreditNote } from "./credit-notes";
export { creditPosition, CREDIT_ORDER_STATUSES, type CreditPosition } from "./credit";
export { receivablesAging, agingQuery, agingBucket, agingBuckets, type AgingQuery, type AgingRow, type AgingBucket } from "./aging";
export { statementOfAccount, statementPeriod, statementQuery, type Statement, type StatementEntry } from "./statement";
// statement-pdf and statement-xlsx are server-only: import them as "@cs/domain/billing/statement-pdf" from *.server.ts files.
export * from "./shipping-queries";
export * from "./finance-queries";
export { requestRedLetter, confirmRedLetter, rejectRedLetter, mayDecideRedLetter } from "./red-letter";
export { listRedLetters, getRedLetter, redLetterListQuery, type RedLetterListQuery, type RedLetterRow } from "./red-letter-queries";
// einvoice-export and einvoice-xlsx are server-only: import them as "@cs/domain/billing/einvoice-…" from route modules.
