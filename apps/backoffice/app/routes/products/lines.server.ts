import type { listCatalogueTree } from "@cs/domain";

/** Product lines with their division's names, for the product form's one select. */
export function productLineOptions(tree: Awaited<ReturnType<typeof listCatalogueTree>>) {
  return tree.flatMap((d) => d.lines.map((l) => ({ id: l.id, code: l.code, nameZh: l.nameZh, nameEn: l.nameEn, divisionZh: d.nameZh, divisionEn: d.nameEn })));
}
