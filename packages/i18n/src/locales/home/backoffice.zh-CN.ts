/** The back-office home: each role's queues, counted in the user's scope, and the trend it watches. */
export const zhCN = {
  queues: "待处理",
  nothing: "您的队列里暂时没有待办事项。",
  orders: {
    title: "订单",
    pending_approval: "待审批",
    to_allocate: "可分配库存",
    backorders: "缺货待补",
    to_ship: "待发货",
    overdue: "超过要求交期",
  },
  stock: {
    title: "库存与物流",
    pendingApproval: "单据待审批",
    callOffs: "提货申请待处理",
    stocktakes: "盘点进行中",
    inTransit: "调拨在途",
    receipts: "采购待收货",
    low: "低于安全库存",
  },
  receivables: {
    title: "应收账款",
    overdue: "已逾期",
    d90Plus: "逾期 90 天以上",
    onHold: "信用冻结客户",
    balance: "应收余额（{{count}} 家客户）",
  },
  returns: { title: "退货", requested: "退货申请待审批" },
  rebates: { title: "返利", toApprove: "对账单待审核", toPublish: "对账单待发布" },
  service: { title: "售后服务", open: "处理中", breached: "超出时限", unassigned: "未分派维修站", claims: "维修站索赔待审核" },
  sales: {
    title: "本月销售（不含税）",
    thisMonth: "{{from}} 至 {{to}}",
    lastMonth: "上月同期 {{amount}}",
    change: "较上月同期 {{change}}",
    noBase: "上月同期无销售",
  },
} as const;
