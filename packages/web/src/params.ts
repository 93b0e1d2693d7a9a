/** URL search params as a plain object; keys in `multi` keep every value as an array. */
export function searchParamsObject(request: Request, multi: readonly string[] = []) {
  const params = new URL(request.url).searchParams;
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    out[key] = multi.includes(key) ? params.getAll(key).filter(Boolean) : (params.get(key) ?? "");
  }
  return out;
}
