import { data } from "react-router";
import { emptyRecord, isHostileFieldName } from "@cs/domain";
import { actionError } from "./errors.server";

/**
 * The one reader of field names a request chose. Every object built here has no prototype, and a
 * name leading to one (`__proto__`, `constructor`, `prototype`) is refused before anything is built.
 * The app middleware refuses such requests first; these refuse again for any caller it did not see.
 * The refusal is a 400 response, so it answers the same thrown inside or outside an action's try.
 */

/** Row indexes a form can plausibly post; more is a crafted request, not a long order. */
const maxIndex = 9_999;

type Tree = Record<string, unknown>;

const refuse = (): never => {
  throw data({ messageKey: "errors.fieldName" }, { status: 400 });
};

function assertFieldNames(names: Iterable<string>) {
  for (const name of names) if (isHostileFieldName(name)) refuse();
}

/** Each text field's last value (as Object.fromEntries keeps the last) in a prototype-free object. */
export function readForm(form: FormData): Record<string, string> {
  assertFieldNames(form.keys());
  const out = emptyRecord<string>();
  for (const [name, value] of form.entries()) if (typeof value === "string") out[name] = value;
  return out;
}

/** The same for query strings: a URL's parameter names are as untrusted as a form's. */
export function readSearchParams(params: URLSearchParams): Record<string, string> {
  assertFieldNames(params.keys());
  const out = emptyRecord<string>();
  for (const [name, value] of params.entries()) out[name] = value;
  return out;
}

const isIndex = (segment: string) => /^\d{1,4}$/.test(segment) && Number(segment) <= maxIndex;

/**
 * Fields named like `lines.2.quantity` become `{ lines: [, , { quantity }] }` so a zod schema
 * validates rows and numbers its errors as the form named them. Top-level arrays drop their holes
 * (a removed row leaves a gap in the numbering). A name that is both a value and a branch
 * (`a=1` and `a.b=2`), an empty segment or a huge index is refused, not silently merged.
 */
export function readNestedForm(form: FormData): Tree {
  assertFieldNames(form.keys());
  const out = emptyRecord<unknown>();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    const parts = name.split(".");
    let node: Tree = out;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      if (part === "" || (Array.isArray(node) && !isIndex(part))) refuse();
      if (i === parts.length - 1) {
        if (Object.hasOwn(node, part) && typeof node[part] === "object") refuse();
        node[part] = value;
        break;
      }
      if (!Object.hasOwn(node, part)) node[part] = isIndex(parts[i + 1]!) ? [] : emptyRecord();
      const next = node[part];
      if (typeof next !== "object" || next === null) refuse();
      node = next as Tree;
    }
  }
  for (const key of Object.keys(out)) {
    const value = out[key];
    if (Array.isArray(value)) out[key] = value.filter((x) => x !== undefined);
  }
  return out;
}

/**
 * The usual form post: read the form once, run the mutation with its fields (through `readForm`, so
 * hostile names never reach it), and answer a refusal with the form's errors and what was typed.
 * `run` returns the redirect (or data) of a success.
 */
export async function submitForm<T>(request: Request, run: (fields: Record<string, string>, form: FormData) => Promise<T>) {
  const form = await request.formData();
  try {
    return await run(readForm(form), form);
  } catch (error) {
    return actionError(error, form);
  }
}
