import { z } from "zod";

/** Plain decimal digits, as a person types a number into a form. */
const decimalText = /^[+-]?\d{1,16}(\.\d{1,16})?$/;

/**
 * Numbers from form text, strictly: `z.coerce.number` reads `1e3` as 1000, `0x10` as 16 and
 * `Infinity` as a number; here they stay text, which the wrapped number schema refuses with its own
 * message. A blank field is 0, as coercion made it before.
 */
export function strictNumber<S extends z.ZodType>(schema: S) {
  return z.preprocess((v) => {
    if (typeof v !== "string") return v;
    const text = v.trim();
    if (text === "") return 0;
    return decimalText.test(text) ? Number(text) : v;
  }, schema);
}
