import type { Widen } from "../shape";
import type { zhCN } from "./verify.zh-CN";

export const en: Widen<typeof zhCN> = {
  title: "Verify your mobile number or e-mail",
  sentSms: "We sent a 6-digit code to {{target}}. It is valid for {{minutes}} minutes.",
  sentEmail: "We e-mailed a 6-digit code to {{target}}. It is valid for {{minutes}} minutes.",
  notSent: "Use the button below and we will send a code to {{target}}.",
  why: "Once verified, devices and repair requests a dealer or repair station recorded for you under this number appear in your account.",
  code: "Verification code",
  submit: "Verify",
  resend: "Send a new code",
  resent: "A new code has been sent.",
  continue: "Continue",
  later: "Verify later",
  verified: "Verified.",
  linked: "Verified. Your earlier devices and repair requests are now in your account.",
  banner: "Your account is not verified yet.",
  bannerAction: "Verify now",
  codeFormat: "Enter the 6-digit code",
  wrongCode: "The code is not correct",
  expired: "The code has expired. Send a new one",
  tooManyAttempts: "Too many wrong codes. Send a new one",
  resendTooSoon: "Please wait a minute before sending another code",
  tooManyCodes: "Too many codes sent in the last hour. Try again later",
  tooManyFromClient: "Too many codes were sent from your network. Try again later",
};
