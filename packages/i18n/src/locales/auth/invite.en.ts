import type { Widen } from "../shape";
import type { zhCN } from "./invite.zh-CN";

export const en: Widen<typeof zhCN> = {
  send: "Invite the customer to register",
  sendHint: "Texts the customer a registration link (valid for {{days}} days); once registered they can follow this request.",
  welcome: "Hello {{name}}, your dealer invited you to register. Use the mobile number the invitation was sent to, {{target}}, and you can follow your repair requests.",
  invalidLink: "The invitation link is invalid or has expired. You can still register; you will be asked to verify your number.",
  invalid: "The invitation link is invalid or has expired",
  loginMismatch: "Register with the mobile number the invitation was sent to",
  noMobile: "This customer has no mobile number to invite",
  alreadyRegistered: "This customer already has an account",
  tooSoon: "An invitation was just sent. Try again in 10 minutes",
  tooMany: "This customer has been invited 3 times today already",
};
