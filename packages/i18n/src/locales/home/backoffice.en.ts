import type { Widen } from "../shape";
import type { zhCN } from "./backoffice.zh-CN";

export const en: Widen<typeof zhCN> = {
  queues: "Waiting for you",
  nothing: "Nothing waits in your queues right now.",
  orders: {
    title: "Orders",
    pending_approval: "To approve",
    to_allocate: "Stock to allocate",
    backorders: "Backordered",
    to_ship: "To ship",
    overdue: "Past requested date",
  },
  stock: {
    title: "Stock and logistics",
    pendingApproval: "Documents to approve",
    callOffs: "Call-offs to handle",
    stocktakes: "Stocktakes counting",
    inTransit: "Transfers in transit",
    receipts: "Receipts expected",
    low: "Below reorder point",
  },
  receivables: {
    title: "Receivables",
    overdue: "Overdue",
    d90Plus: "Over 90 days overdue",
    onHold: "Partners on credit hold",
    balance: "Open balance ({{count}} partners)",
  },
  paymentNotices: { title: "Payment notices", pending: "To confirm (total {{amount}})" },
  marketing: { title: "Marketing", campaigns: "Campaigns to approve", applications: "Fund applications to decide", claims: "Claims to review" },
  returns: { title: "Returns", requested: "Return requests to decide" },
  rebates: { title: "Rebates", toApprove: "Statements to approve", toPublish: "Statements to publish" },
  service: { title: "After-sales service", open: "Open", breached: "Past their SLA", unassigned: "Without a station", claims: "Station claims to review" },
  sales: {
    title: "Net sales this month",
    thisMonth: "{{from}} to {{to}}",
    lastMonth: "Same days last month {{amount}}",
    change: "{{change}} on the same days last month",
    noBase: "No sales in the same days last month",
  },
};
