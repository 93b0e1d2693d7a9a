import type { Widen } from "../shape";
import type { zhCN } from "./invoicing.zh-CN";

export const en: Widen<typeof zhCN> = {
  product: {
    taxCode: "Tax classification code",
    taxCodeHint: "19 digits from the tax bureau's goods and services code table; products without one cannot be exported for e-invoicing",
    taxRate: "VAT rate",
  },
  errors: {
    taxCode: "The tax classification code must be 19 digits starting with 1–6",
    taxRate: "The VAT rate must be 13%, 9%, 6% or 0",
    notBuyer: "Only the buyer can confirm or reject this red-letter request",
    alreadyDecided: "This red-letter request has already been decided and cannot be confirmed or rejected again",
    exportRange: "The period must end on or after its start and within {{days}} days of it",
    exportTooMany: "At most {{max}} invoices per file: choose a shorter period",
    exportUnclassified: "These products have no tax classification code; add it in the product catalogue first: {{skus}}",
    exportBuyerCode: "The buyers of these invoices have no valid unified social credit code; correct it in the customer master first: {{numbers}}",
  },
  export: {
    nav: "E-invoice export",
    title: "Export for batch e-invoicing (数电票)",
    hint: "Exports the period's issued invoices in the tax bureau's batch-issue template (an invoice sheet and a line sheet), for the e-tax bureau or a service provider. Credit notes go through red-letter requests and are not exported here.",
    from: "Issued from",
    to: "Issued to",
    download: "Download Excel",
  },
  redLetter: {
    nav: "Red-letter requests",
    title: "Red-letter requests",
    detailTitle: "Red-letter request {{number}}",
    empty: "No red-letter requests.",
    hint: "Returns, rebates settled as discounts and price protection that reduce an issued invoice raise a red-letter request. Check it and confirm or reject it; only a confirmed request issues the credit note and reduces your receivable.",
    summary: "Red-letter request {{number}}: {{total}} (VAT {{tax}}) · {{status}}",
    status: { pending: "To confirm", confirmed: "Confirmed", rejected: "Rejected", all: "All" },
    source: { return: "Return", rebate: "Rebate discount", price_protection: "Price protection" },
    columns: { number: "Request", partner: "Buyer", source: "Reason", invoice: "Original invoice", total: "Credit (incl. VAT)", tax: "of which VAT", status: "Status", createdAt: "Raised", decidedAt: "Decided" },
    facts: { return: "Return", creditNote: "Credit note", decidedBy: "Decided by", rejectReason: "Reason for rejection" },
    lines: { sku: "SKU", product: "Product", quantity: "Quantity", unitPrice: "Unit price (incl. VAT)", gross: "Amount (incl. VAT)", taxRate: "VAT rate" },
    confirm: "Confirm red-letter request",
    confirmHint: "Confirming issues the credit note and reduces your receivable; it cannot be undone.",
    confirmedToast: "Confirmed: credit note {{number}} issued",
    reject: "Reject",
    reason: "Reason for rejection",
    rejectedToast: "Red-letter request rejected",
  },
};
