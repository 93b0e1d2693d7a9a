import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { i18nOptions, resources } from "@cs/i18n";
import { formatDuration } from "./service";

async function tFor(lng: "zh-CN" | "en") {
  const i18n = createInstance({ ...i18nOptions, resources, lng, initAsync: false });
  await i18n.init();
  return i18n.getFixedT(lng, "translation");
}

const minute = 60_000;
const hour = 60 * minute;

describe("formatDuration", () => {
  it("speaks Chinese on Chinese pages and English on English ones", async () => {
    const zh = await tFor("zh-CN");
    const en = await tFor("en");
    expect(formatDuration(7 * hour + 59 * minute, zh)).toBe("7 小时 59 分");
    expect(formatDuration(7 * hour + 59 * minute, en)).toBe("7 h 59 min");
    expect(formatDuration(25 * minute + 30_000, zh)).toBe("25 分钟");
    expect(formatDuration(0, en)).toBe("0 min");
    expect(formatDuration(47 * hour + 5 * minute, en)).toBe("47 h 5 min");
    expect(formatDuration(3 * 24 * hour + 5 * hour + 10 * minute, zh)).toBe("3 天 5 小时");
    expect(formatDuration(3 * 24 * hour + 5 * hour, en)).toBe("3 d 5 h");
  });
});
