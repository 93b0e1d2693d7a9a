import { describe, expect, it } from "vitest";
import { renderMail, renderSms } from "./render";

describe("renderMail", () => {
  it("renders a repair request's notice in the recipient's language", async () => {
    const params = { number: "RMA-2026-000042", entityType: "repair", entityId: "00000000-0000-0000-0000-000000000000" };
    const zh = await renderMail({ toAddress: "c@demo.cn", locale: "zh-CN", template: "repair.ready", params });
    expect(zh.subject).toContain("报修单 RMA-2026-000042 已修复");
    const en = await renderMail({ toAddress: "c@demo.cn", locale: "en", template: "repair.quoted", params });
    expect(en.subject).toContain("Repair request RMA-2026-000042 has a quote");
    expect(en.text).toContain("Repair request RMA-2026-000042 has a quote");
  });

  it("falls back to the repair request's default text for an event without its own", async () => {
    const mail = await renderMail({ toAddress: "c@demo.cn", locale: "en", template: "repair.some_new_event", params: { number: "RMA-1", entityType: "repair" } });
    expect(mail.subject).toContain("Repair request RMA-1 was updated");
  });
});

describe("survey e-mails", () => {
  it("turn a survey's token into its one-click link on the portal", async () => {
    const surveyToken = "Q".repeat(42) + "z";
    const params = { number: "SO-2026-000007", surveyToken, entityType: "survey", entityId: "00000000-0000-0000-0000-000000000000" };
    const mail = await renderMail({ toAddress: "d@demo.cn", locale: "en", template: "survey.delivery", params, portalUrl: "https://portal.example.cn" });
    expect(mail.text).toContain(`Order SO-2026-000007 was delivered: please rate the delivery (one click): https://portal.example.cn/survey/${surveyToken}`);
  });
});

describe("renderSms", () => {
  it("turns an invitation's token into a link to the portal's registration", async () => {
    const token = "A".repeat(42) + "b";
    const sms = await renderSms({
      toAddress: "13712345678",
      locale: "zh-CN",
      template: "invite.customer",
      params: { token, dealer: "北京星辰科技", days: 7, entityType: "invite" },
      portalUrl: "https://portal.example.cn",
    });
    expect(sms).toEqual({
      to: "13712345678",
      text: `【华信达】北京星辰科技 邀请您注册服务账户，查看您的报修进度：https://portal.example.cn/register?invite=${token} （7 天内有效）。`,
    });
  });

  it("renders a verification code in English", async () => {
    const sms = await renderSms({ toAddress: "13712345678", locale: "en", template: "verify.loginCode", params: { code: "004211", minutes: 10 } });
    expect(sms.text).toBe("[Huaxinda] Your verification code is 004211, valid for 10 minutes. Do not share it with anyone.");
  });
});
