import type { Widen } from "../shape";
import type { zhCN } from "./notices.zh-CN";

export const en: Widen<typeof zhCN> = {
  default: "Repair request {{number}} was updated",
  filed: "New repair request {{number}} awaits a station",
  assigned: "Repair request {{number}} was assigned to your station",
  reassigned: "Repair request {{number}} was reassigned to your station",
  quoted: "Repair request {{number}} has a quote for you to approve or refuse",
  ready: "Repair request {{number}} is repaired and ready for you",
  closed: "Repair request {{number}} was closed",
  cancelled: "Repair request {{number}} was cancelled",
  declined: "A station declined repair request {{number}}: assign it again",
  escalated: "Repair request {{number}} was escalated to urgent: handle it first",
  quote_approved: "The customer approved the quote for repair request {{number}}: go ahead with the repair",
  quote_refused: "The customer refused the quote for repair request {{number}}: return the device unrepaired",
};
