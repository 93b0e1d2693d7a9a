import { readForm } from "./form-data.server";
import type { RouterContextProvider } from "react-router";
import { changePassword, requireActor } from "@cs/auth/server";
import { actionError } from "./errors.server";

export async function accountAction(request: Request, context: Readonly<RouterContextProvider>) {
  const actor = requireActor(context, request);
  const form = await request.formData();
  try {
    await changePassword(context, actor, readForm(form));
    return { status: "success" as const };
  } catch (error) {
    // No form: every field here is a password, and none is sent back to refill the page.
    return actionError(error);
  }
}
