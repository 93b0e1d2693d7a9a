/** Notices and e-mails about repair requests: `notify.kinds.repair.<event>` (wired in ordering/notify.*.ts). */
export const zhCN = {
  default: "报修单 {{number}} 已更新",
  filed: "新报修单 {{number}} 待分派维修站",
  assigned: "报修单 {{number}} 已分派给您的维修站",
  reassigned: "报修单 {{number}} 已改派给您的维修站",
  quoted: "报修单 {{number}} 有待您确认的维修报价",
  ready: "报修单 {{number}} 已修复，可以取回设备",
  closed: "报修单 {{number}} 已关闭",
  cancelled: "报修单 {{number}} 已取消",
  declined: "维修站拒接了报修单 {{number}}，请重新分派",
  escalated: "报修单 {{number}} 已升级为紧急，请优先处理",
  quote_approved: "客户已同意报修单 {{number}} 的维修报价，可以开始维修",
  quote_refused: "客户拒绝了报修单 {{number}} 的维修报价，请将设备原样退回",
};
