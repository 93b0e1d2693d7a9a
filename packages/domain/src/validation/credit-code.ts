/** GB 32100-2015 unified social credit code (统一社会信用代码). */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function isValidCreditCode(input: string): boolean {
  const code = input.trim().toUpperCase();
  if (!SHAPE.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(code[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31] === code[17];
}

export function normalizeCreditCode(input: string) {
  return input.trim().toUpperCase();
}
