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
};
