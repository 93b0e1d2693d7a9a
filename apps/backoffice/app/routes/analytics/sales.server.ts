import { channelFilterOptions, listCatalogueTree, ValidationError, type Ctx } from "@cs/domain";
import { searchParamsObject } from "@cs/web/server";

/** The filter choices of the analysis pages: divisions with their lines, branches in scope, tiers. */
export async function analyticsOptions(ctx: Ctx) {
  const [tree, channel] = await Promise.all([listCatalogueTree(ctx), channelFilterOptions(ctx)]);
  return { tree: tree.map((d) => ({ id: d.id, nameZh: d.nameZh, nameEn: d.nameEn, lines: d.lines.map((l) => ({ id: l.id, nameZh: l.nameZh, nameEn: l.nameEn })) })), branches: channel.branches };
}

/** A refused filter as the page shows it: the translation keys per field, instead of a 500. */
export function refusedFilters(error: unknown): Record<string, string[]> {
  if (error instanceof ValidationError) return Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, v ?? []]));
  throw error;
}

/** An analysis page's data: the filter choices always, and the analysis of the URL's filters or, when they are refused, why. */
export async function analysisData<R>(ctx: Ctx, request: Request, analyse: (ctx: Ctx, raw: ReturnType<typeof searchParamsObject>) => Promise<R>) {
  const options = await analyticsOptions(ctx);
  try {
    return { result: await analyse(ctx, searchParamsObject(request)), refused: null, options };
  } catch (error) {
    return { result: null, refused: refusedFilters(error), options };
  }
}
