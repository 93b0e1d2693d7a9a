import { describe, expect, it } from "vitest";
import { renderMail } from "./render";

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
