import { zhCN as repair } from "../service/notices.zh-CN";
/** Notices and e-mails about orders and returns: `kinds.<entity>.<event>` is a notice's text. */
export const zhCN = {
  title: "消息通知",
  bell: "消息通知",
  unread: "{{count}} 条未读",
  empty: "暂无消息。",
  markRead: "标为已读",
  markAllRead: "全部标为已读",
  marked: "已标为已读",
  open: "查看",
  filters: { all: "全部", unread: "未读" },
  columns: { time: "时间", message: "内容", status: "状态" },
  status: { read: "已读", unread: "未读" },
  kinds: {
    care: {
      default: "客户关怀",
      birthday: "{{name}}，祝您生日快乐！感谢您和{{organization}}一直以来的支持。",
      dormant: "{{name}} 已有 {{days}} 天没有下单（通常约每 {{usual}} 天一单），请及时联系。",
    },
    order: {
      default: "订单 {{number}} 已更新",
      submitted: "订单 {{number}} 已提交",
      pending_approval: "订单 {{number}} 等待审批",
      approved: "订单 {{number}} 已审批通过",
      rejected: "订单 {{number}} 已被驳回",
      confirmed: "订单 {{number}} 已确认",
      edited: "订单 {{number}} 已修改",
      cancelled: "订单 {{number}} 已取消",
      allocated: "订单 {{number}} 的缺货已配货",
      partially_shipped: "订单 {{number}} 已部分发货",
      shipped: "订单 {{number}} 已发货",
      delivered: "订单 {{number}} 已签收",
      completed: "订单 {{number}} 已完成",
      invoiced: "订单 {{number}} 已开票",
      returned: "订单 {{number}} 有退货入库",
    },
    return: {
      default: "退货单 {{number}} 已更新",
      requested: "退货申请 {{number}} 已提交",
      approved: "退货申请 {{number}} 已批准",
      rejected: "退货申请 {{number}} 已被拒绝",
      received: "退货单 {{number}} 已收货，已开具红字发票 {{creditNote}}",
    },
    payment_notice: {
      default: "付款通知 {{number}} 已更新",
      created: "{{partner}} 提交了付款通知 {{number}}，请核实到账",
      confirmed: "付款通知 {{number}} 已确认，回款 {{payment}} 已登记",
      rejected: "付款通知 {{number}} 已退回：{{reason}}",
    },
    repair,
    lead: {
      default: "线索 {{lead}} 已更新",
      assigned: "新线索已分配给您：{{lead}}，请在 {{acceptBy}} 前接受",
    },
    verify: {
      default: "验证码通知",
      loginCode: "您的验证码是 {{code}}，{{minutes}} 分钟内有效。请勿告诉他人",
    },
    invite: {
      default: "注册邀请",
      customer: "{{dealer}} 邀请您注册服务账户，查看您的报修进度：{{link}} （{{days}} 天内有效）",
    },
    security: {
      default: "账号安全提醒",
      signInFailures: "您的账号在过去 1 小时内有 {{count}} 次登录失败（最近一次来自 {{ip}}）。如果不是您本人操作，请修改密码",
    },
  },
  sms: { body: "【华信达】{{text}}。" },
  mail: {
    subject: "【华信达】{{text}}",
    body: "您好：\n\n{{text}}。\n\n请登录系统查看详情。\n\n华信达科技",
  },
};
