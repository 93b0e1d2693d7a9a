/** A dealer's invitation link for an end customer, and the registration page that receives it. */
export const zhCN = {
  send: "邀请客户注册",
  sendHint: "通过短信向客户发送注册链接（{{days}} 天内有效），客户注册后即可查看此报修进度。",
  welcome: "{{name}}，您好！您的经销商邀请您注册。请使用收到邀请短信的手机号 {{target}} 注册，注册后即可查看报修进度。",
  invalidLink: "邀请链接无效或已过期。您仍可以直接注册，注册后需验证手机号。",
  invalid: "邀请链接无效或已过期",
  loginMismatch: "请使用收到邀请短信的手机号注册",
  noMobile: "该客户没有手机号，无法发送邀请",
  alreadyRegistered: "该客户已注册账户",
  tooSoon: "刚刚已发送过邀请，请 10 分钟后再试",
  tooMany: "今天已向该客户发送过 3 次邀请",
};
