/** Shipments, invoices, payments (回款), aging and statements: back-office finance/warehouse and the portal's account pages. */
export const zhCN = {
  validation: {
    amountPositive: "金额必须大于 0",
    moreThanOutstanding: "超过了该发票的未结金额",
    allocatedMoreThanPaid: "分配合计超过了回款金额",
    remainderUnassigned: "回款金额超过了所选发票的未结金额：请分配到发票，或勾选“余额留作预收款”",
    invoiceNotOpen: "该发票不存在或已结清",
    noCredit: "该客户没有可分配的预收款",
    orderNotShippable: "订单当前状态不能发货",
    creditHold: "客户处于信用冻结状态，不能发货",
    nothingToShip: "请至少填写一行发货数量",
    serialCount: "序列号数量必须与发货数量一致，且不能重复",
    periodOrder: "结束日期不能早于开始日期",
    creditNoteTooLarge: "红字发票金额超过了原发票金额",
  },
};
