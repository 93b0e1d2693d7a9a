import { z } from "zod";

/**
 * An amount as a form types it (yuan, "12,345.60") or as code passes it (bigint fen). Signs are
 * refused by the pattern (a negative amount is never valid money here); zero is left to the rules,
 * which say why it is refused.
 */
export const moneyField = z.union(
  [
    z.bigint(),
    z
      .string()
      .trim()
      .transform((v) => v.replace(/[,，\s¥]/g, ""))
      .refine((v) => /^\d{1,13}(\.\d{1,2})?$/.test(v), { error: "validation.money" })
      .transform((v) => {
        const [whole, frac = ""] = v.split(".");
        return BigInt(whole!) * 100n + BigInt(frac.padEnd(2, "0"));
      }),
  ],
  { error: "validation.money" },
);
