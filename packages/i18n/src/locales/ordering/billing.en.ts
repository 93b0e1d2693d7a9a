import type { Widen } from "../shape";
import type { zhCN } from "./billing.zh-CN";

export const en: Widen<typeof zhCN> = {
  validation: {
    amountPositive: "The amount must be above 0",
    moreThanOutstanding: "More than the invoice's outstanding amount",
    allocatedMoreThanPaid: "The allocations add up to more than the payment",
    remainderUnassigned: "The payment is more than the chosen invoices' outstanding amount: allocate it to invoices or tick “Keep the rest as credit”",
    invoiceNotOpen: "This invoice does not exist or is already settled",
    noCredit: "This partner has no credit to allocate",
    orderNotShippable: "The order cannot be shipped in its current status",
    creditHold: "The partner is on credit hold: nothing ships until the hold lifts",
    nothingToShip: "Enter a quantity to ship on at least one line",
    serialCount: "Give exactly one distinct serial number per unit shipped",
    periodOrder: "The end date cannot be before the start date",
    creditNoteTooLarge: "The credit note is more than the original invoice",
  },
};
