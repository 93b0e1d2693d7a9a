import { readForm } from "@cs/web/server";

/** A form posts several `productLineIds`; a flat read keeps only the last. */
export function articleFormValues(form: FormData) {
  return { ...readForm(form), productLineIds: form.getAll("productLineIds").map(String) };
}
