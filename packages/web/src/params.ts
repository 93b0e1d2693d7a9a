import { emptyRecord } from "@cs/domain";
import { readSearchParams } from "./form-data.server";

/**
 * URL search params as a prototype-free object; keys in `multi` keep every value as an array. A
 * parameter named `__proto__`, `constructor` or `prototype` is refused with a 400 by the one reader of
 * field names (readSearchParams), as a form's would be.
 */
export function searchParamsObject(request: Request, multi: readonly string[] = []) {
  const params = new URL(request.url).searchParams;
  readSearchParams(params);
  const out = emptyRecord<string | string[]>();
  for (const key of new Set(params.keys())) {
    out[key] = multi.includes(key) ? params.getAll(key).filter(Boolean) : (params.get(key) ?? "");
  }
  return out;
}
