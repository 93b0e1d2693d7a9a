import { redirect } from "react-router";
import { setBackorderPolicy, setCreditHold, type Ctx } from "@cs/domain";
import { readForm } from "@cs/web/server";

export const creditIntents = new Set(["holdOn", "holdOff", "policy"]);

/**
 * The credit panel's forms (hold on/off, backorder policy) for a partner; redirects to `back` with
 * `done` = the desk.done key that says what happened. Domain errors propagate to the caller's actionError.
 */
export async function runCreditIntent(ctx: Ctx, form: FormData, back: (done: string, extra?: Record<string, string | number>) => Response) {
  const intent = String(form.get("intent") ?? "");
  // An absent field is undefined, not null: the schemas then answer with their own message keys.
  const fields = readForm(form);
  if (intent === "policy") {
    await setBackorderPolicy(ctx, { organizationId: fields.organizationId, policy: fields.policy });
    return back("policy");
  }
  const result = await setCreditHold(ctx, { organizationId: fields.organizationId, hold: intent === "holdOn" ? "on" : "off", reason: fields.reason });
  return back(intent === "holdOn" ? "holdOn" : result.confirmed.length ? "heldConfirmed" : "holdOff", { count: result.confirmed.length });
}

export const doneUrl = (path: string) => (done: string, extra: Record<string, string | number> = {}) =>
  redirect(`${path}?${new URLSearchParams({ done, ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, String(v)])) })}`);
