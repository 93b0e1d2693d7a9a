import type { Widen } from "../shape";
import type { zhCN } from "./adjustments.zh-CN";

export const en: Widen<typeof zhCN> = {
  nav: "Adjustments",
  title: "Rebate adjustments",
  intro: "A return or other correction after a statement was approved never rewrites it: it becomes an adjustment carried into the partner's next statement, and counts as applied once that statement is approved.",
  searchPlaceholder: "Partner name or code, statement or credit note number",
  empty: "No rebate adjustments match.",
  anyStatus: "All statuses",
  anyBranch: "All branches",
  status: "Status",
  branch: "Branch",
  statuses: { pending: "Pending", applied: "Applied" },
  reasons: { return: "Return after approval" },
  columns: {
    partner: "Partner",
    branch: "Branch",
    source: "Source statement",
    sourcePeriod: "Source period",
    creditNote: "Credit note",
    amount: "Amount",
    reason: "Reason",
    createdAt: "Created",
    applied: "Applied on statement",
    status: "Status",
  },
};
