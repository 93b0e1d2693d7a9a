import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import { resources, supportedLocales } from "@cs/i18n";
import { explainStatementText } from "./statement-explain";
import { formatYuan } from "../shared/money";

type Line = { kind: string; basisFen: bigint | null; rateBp: number | null; amountFen: bigint; params: Record<string, unknown> };
const line = (kind: string, amountFen: bigint, params: Record<string, unknown>, basisFen: bigint | null = null, rateBp: number | null = null): Line => ({ kind, basisFen, rateBp, amountFen, params });

/** One statement carrying every line kind the explanation knows (and one it does not). */
const lines: Line[] = [
  line("basis", 0n, { basis: "invoiced", basisFen: "12000000", targetFen: "10000000", completionBp: 12000 }, 120_000_00n),
  line("basis", 0n, { basis: "collected", basisFen: "5000000", targetFen: null, completionBp: null }, 50_000_00n),
  line("no_target", 0n, {}),
  line("below_first_tier", 0n, { completionBp: 7999, firstTierBp: 8000 }),
  line("tier", 2_400_00n, { tierNo: 2, minCompletionBp: 10000 }, 120_000_00n, 200),
  line("slice", 800_00n, { tierNo: 1, fromFen: "8000000", toFen: "10000000" }, 20_000_00n, 125),
  line("slice", 600_00n, { tierNo: 2, fromFen: "10000000", toFen: null }, 20_000_00n, 300),
  line("multiplier", -240_00n, { onTimeBp: 8500, multiplierBp: 9000 }, 2_400_00n, 9000),
  line("multiplier", 0n, { onTimeBp: null, multiplierBp: 10000 }, 2_400_00n, 10000),
  line("cap", -100_00n, { capFen: "50000000" }),
  line("adjustment", -15_00n, { sourceNumber: "RB-2025-000007", creditNoteNumber: "CN-2026-000002" }),
  line("adjustment", 5_00n, { sourceNumber: "RB-2025-000008", creditNoteNumber: null }),
  line("price_protection", 3_000_00n, { sku: "NB-T14", nameZh: "ThinkPad T14", effectiveDate: "2026-03-01", oldPriceFen: "650000", newPriceFen: "620000", unitCreditFen: "30000", quantity: 10 }),
  line("unknown_kind", 1_00n, {}),
];
const detail = { statement: { amountFen: 6_450_00n }, lines } as unknown as Parameters<typeof explainStatementText>[0];

function sentences(lng: (typeof supportedLocales)[number]) {
  const i18n = createInstance();
  void i18n.init({ lng, resources, interpolation: { escapeValue: false }, initAsync: false });
  return explainStatementText(detail, (key, values) => i18n.t(key, values), formatYuan);
}

describe("plain-words sentences of a rebate statement", () => {
  it.each(supportedLocales)("%s: every line kind renders once, with no symbol doubled and no placeholder left", (lng) => {
    const out = sentences(lng);
    // basis ×2 + target + the rest one each + protection's two sentences + total
    expect(out).toHaveLength(lines.length + 1 + 1 + 1);
    for (const s of out) {
      expect(s, s).not.toMatch(/\{\{|\}\}|rebatePortal\./);
      expect(s, s).not.toMatch(/×\s*×|%\s*%|¥\s*¥|-\s*-|（\s*（|\(\s*\(/);
      expect(s, s).not.toMatch(/\s{2,}/);
    }
  });

  it("says the multiplier's factor once, in each language's words", () => {
    const [zh, en] = [sentences("zh-CN"), sentences("en")];
    expect(zh).toContain("按期回款率 85%，返利乘以系数 0.9，调整 -¥240.00。");
    expect(zh).toContain("本期没有到期应收，按期回款系数为 1，调整 ¥0.00。");
    expect(en).toContain("On-time payment rate 85%: the rebate × 0.9, a change of -¥240.00.");
    expect(en).toContain("Nothing fell due in the period, so the on-time multiplier is ×1, a change of ¥0.00.");
    expect(en).toContain("Tier 1 slice (¥80,000.00 to ¥100,000.00): ¥20,000.00 × 1.25% = ¥800.00.");
    expect(zh).toContain("生效日您的虚拟库存与寄售库存共 10 台：10 × ¥300.00 = ¥3,000.00。");
  });
});
