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
};
