import type { Widen } from "../shape";
import type { zhCN } from "./notify.zh-CN";
import { en as repair } from "../service/notices.en";

export const en: Widen<typeof zhCN> = {
  title: "Notifications",
  bell: "Notifications",
  unread: "{{count}} unread",
  empty: "No notifications.",
  markRead: "Mark as read",
  markAllRead: "Mark all as read",
  marked: "Marked as read",
  open: "Open",
  filters: { all: "All", unread: "Unread" },
  columns: { time: "Time", message: "Message", status: "Status" },
  status: { read: "Read", unread: "Unread" },
  kinds: {
    care: {
      default: "Customer care",
      birthday: "Happy birthday, {{name}}! Thank you for your support of {{organization}} and us.",
      dormant: "{{name}} has not ordered for {{days}} days (usually about every {{usual}} days): time to get in touch.",
    },
    order: {
      default: "Order {{number}} was updated",
      submitted: "Order {{number}} was submitted",
      pending_approval: "Order {{number}} is waiting for approval",
      approved: "Order {{number}} was approved",
      rejected: "Order {{number}} was rejected",
      confirmed: "Order {{number}} was confirmed",
      edited: "Order {{number}} was edited",
      cancelled: "Order {{number}} was cancelled",
      allocated: "Backordered items of order {{number}} were allocated",
      partially_shipped: "Order {{number}} was partially shipped",
      shipped: "Order {{number}} was shipped",
      delivered: "Order {{number}} was delivered",
      completed: "Order {{number}} was completed",
      invoiced: "Order {{number}} was invoiced",
      returned: "Returned goods of order {{number}} were received",
    },
    return: {
      default: "Return {{number}} was updated",
      requested: "Return request {{number}} was submitted",
      approved: "Return request {{number}} was approved",
      rejected: "Return request {{number}} was rejected",
      received: "Return {{number}} was received; credit note {{creditNote}} issued",
    },
    payment_notice: {
      default: "Payment notice {{number}} updated",
      created: "{{partner}} sent payment notice {{number}}: please check the money has arrived",
      confirmed: "Payment notice {{number}} confirmed; payment {{payment}} recorded",
      rejected: "Payment notice {{number}} returned: {{reason}}",
    },
    statement: {
      default: "Statement for {{month}} updated",
      reminder: "Your statement for {{month}} was issued {{days}} days ago and is not yet confirmed: please check and confirm it",
      disputed: "{{partner}} disputes {{number}} on its statement for {{month}}",
      resolved: "Your dispute of {{number}} on the statement for {{month}} was answered: {{resolution}}",
    },
    red_letter: {
      default: "Red-letter request {{number}} updated",
      requested: "Red-letter request {{number}} on invoice {{invoice}} is waiting for your confirmation",
      confirmed: "The customer confirmed red-letter request {{number}}; credit note {{creditNote}} issued",
      rejected: "The customer rejected red-letter request {{number}}: {{reason}}",
    },
    repair,
    lead: {
      default: "Lead {{lead}} was updated",
      assigned: "A new lead was assigned to you: {{lead}}. Please accept it by {{acceptBy}}",
    },
    verify: {
      default: "Verification code",
      loginCode: "Your verification code is {{code}}, valid for {{minutes}} minutes. Do not share it with anyone",
    },
    invite: {
      default: "Invitation to register",
      customer: "{{dealer}} invites you to register and follow your repair requests: {{link}} (valid for {{days}} days)",
    },
    survey: {
      default: "Satisfaction survey",
      delivery: "Order {{number}} was delivered: please rate the delivery (one click): {{link}}",
      repair: "Repair {{number}} is done: please rate the service (one click): {{link}}",
      nps: "Partner survey {{number}}: how likely are you to recommend us? Answer here: {{link}}",
    },
    complaint: {
      default: "Complaint {{number}} updated",
      filed: "New complaint {{number}}: {{subject}}; please handle it in time",
      assigned: "Complaint {{number}} assigned to you: {{subject}}",
      resolved: "Your complaint {{number}} ({{subject}}) has been handled: see the resolution",
    },
    security: {
      default: "Account security notice",
      signInFailures:
        "There were {{count}} failed sign-ins to your account in the last hour (the latest from {{ip}}). If it was not you, change your password",
    },
  },
  sms: { body: "[Huaxinda] {{text}}." },
  mail: {
    subject: "[Huaxinda] {{text}}",
    body: "Hello,\n\n{{text}}.\n\nSign in to see the details.\n\nHuaxinda Technology",
  },
};
