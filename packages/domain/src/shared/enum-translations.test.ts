import { describe, expect, it } from "vitest";
import {
  budgetCategories,
  campaignStatuses,
  campaignTypes,
  claimStatuses,
  fundApplicationStatuses,
  fundClaimStatuses,
  rebateLedgerKinds,
  deviceStatuses,
  invoiceKinds,
  leadEventKinds,
  leadSources,
  leadStatuses,
  locationKinds,
  moveReasons,
  orderStatuses,
  organizationKinds,
  organizationStatuses,
  priceProtectionStatuses,
  rebateProgramStatuses,
  rebateStatementKinds,
  rebateStatementStatuses,
  repairStatuses,
  returnReasons,
  returnStatuses,
  serialStatuses,
  stockDocumentKinds,
  warrantyStatuses,
} from "@cs/db";
import { resources } from "@cs/i18n";

/** Every value a page shows through `t(\`<prefix>.${value}\`)`, with the prefixes the pages use. */
const shown: [string, readonly string[]][] = [
  ["stock.reasons", moveReasons],
  ["myStock.reasons", moveReasons],
  ["orders.status", orderStatuses],
  ["returns.statuses", returnStatuses],
  ["returns.reasons", returnReasons],
  ["service.statuses", repairStatuses],
  ["service.claims.statuses", claimStatuses],
  ["service.warranty.statuses", warrantyStatuses],
  ["service.devices.statuses", deviceStatuses],
  ["stock.serials.statuses", serialStatuses],
  ["stock.kinds", locationKinds],
  ["stock.documents.kinds", stockDocumentKinds],
  ["rebatePrograms.statuses", rebateProgramStatuses],
  ["rebatePrograms.statementStatuses", rebateStatementStatuses],
  ["rebatePortal.kinds", rebateStatementKinds],
  ["marketing.types", campaignTypes],
  ["marketing.categories", budgetCategories],
  ["marketing.statuses", campaignStatuses],
  ["marketing.fundStatuses", fundApplicationStatuses],
  ["marketing.claimStatuses", fundClaimStatuses],
  ["rebateBalance.kinds", rebateLedgerKinds],
  ["priceProtection.statuses", priceProtectionStatuses],
  ["billing.kinds", invoiceKinds],
  ["org.kinds", organizationKinds],
  ["org.statuses", organizationStatuses],
  ["leads.statuses", leadStatuses],
  ["leads.sources", leadSources],
  ["leads.events", leadEventKinds],
];

function lookup(tree: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((node, key) => (node && typeof node === "object" && Object.hasOwn(node, key) ? (node as Record<string, unknown>)[key] : undefined), tree);
}

describe("enum values shown on pages", () => {
  it("each has a translation in both languages, so no page shows a raw key", () => {
    const missing: string[] = [];
    for (const [lang, { translation }] of Object.entries(resources))
      for (const [prefix, values] of shown)
        for (const value of values) if (typeof lookup(translation, `${prefix}.${value}`) !== "string") missing.push(`${lang}: ${prefix}.${value}`);
    expect(missing).toEqual([]);
  });
});
