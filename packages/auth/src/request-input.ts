import { data } from "react-router";
import { isHostileFieldName } from "@cs/domain";

/**
 * Characters no field or search of ours can mean: C0 controls other than tab, line feed and carriage
 * return. NUL in particular is refused by PostgreSQL's text type, which turned `?q=%00` into a 500.
 */
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function hasControlCharacter(text: string): boolean {
  return controlCharacter.test(text);
}

/**
 * The one rule for what a request may carry, applied to every search parameter and every text field
 * of a mutation before any route sees them: no name that leads to a prototype, no control characters.
 * A refusal is a 400 with a translated message, and nothing has run yet, so nothing changed.
 */
export function refuseHostileInput(params: URLSearchParams, form: FormData | null) {
  const entries: [string, FormDataEntryValue][] = [...params.entries(), ...(form ? form.entries() : [])];
  for (const [name, value] of entries) {
    if (isHostileFieldName(name)) throw data({ messageKey: "errors.fieldName" }, { status: 400 });
    if (hasControlCharacter(name) || (typeof value === "string" && hasControlCharacter(value)))
      throw data({ messageKey: "errors.controlCharacter" }, { status: 400 });
  }
}
