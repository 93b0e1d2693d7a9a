/**
 * Demo tax classification codes (税收分类编码) per product line: 19 digits of the right chapter — 1
 * goods, 3 services — standing in for the codes a real catalogue takes from the tax bureau's
 * classification table. Goods are taxed at 13%; service products (extended warranties) at 6%.
 */
export const LINE_TAX_CODES: Readonly<Record<string, string>> = {
  NB: "1090511010000000000",
  DT: "1090511020000000000",
  WS: "1090511030000000000",
  MON: "1090512050000000000",
  SW: "1090513010000000000",
  RT: "1090513020000000000",
  AP: "1090513030000000000",
  FW: "1090513040000000000",
  SV: "1090511040000000000",
  ST: "1090512010000000000",
  DK: "1090512020000000000",
  SA: "1090512990000000000",
  PR: "1090512030000000000",
  TN: "1060512010000000000",
  KM: "1090512040000000000",
  CB: "1090515010000000000",
};

/** A service product's code (other modern services) and rate. */
export const SERVICE_TAX = { taxCode: "3049900000000000000", taxRateBp: 600 } as const;

/** The code of a product line's goods (13%); unknown lines stay unclassified. */
export const lineTax = (line: string) => ({ taxCode: Object.hasOwn(LINE_TAX_CODES, line) ? LINE_TAX_CODES[line]! : null, taxRateBp: 1300 });
