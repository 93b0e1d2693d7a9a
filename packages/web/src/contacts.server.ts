import { readForm } from "./form-data.server";
import { redirect } from "react-router";
import { deleteContact, saveAddress, saveContact, type Ctx } from "@cs/domain";
import { actionError } from "./errors.server";

const str = (v: FormDataEntryValue | null) => (typeof v === "string" && v ? v : undefined);

/**
 * The contact and address intents shared by the back-office detail page and the portal's
 * "My company": the domain decides whether this actor may touch this organization.
 */
export async function contactIntent(ctx: Ctx, organizationId: string, form: FormData, back: string) {
  const intent = form.get("intent");
  const raw = readForm(form);
  try {
    switch (intent) {
      case "saveContact":
        await saveContact(ctx, organizationId, str(form.get("contactId")), raw);
        return redirect(`${back}?done=contact.saved`);
      case "deleteContact":
        await deleteContact(ctx, organizationId, String(form.get("contactId") ?? ""));
        return redirect(`${back}?done=contact.deleted`);
      case "saveAddress":
        await saveAddress(ctx, organizationId, str(form.get("addressId")), raw);
        return redirect(`${back}?done=address.saved`);
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
}
