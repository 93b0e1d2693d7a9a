import { redirect } from "react-router";
import { createTask, logActivity, setTaskDone, shareOrganization, unshareOrganization, type Ctx } from "@cs/domain";
import { actionError, readForm } from "@cs/web/server";

export const relationshipIntents = new Set(["logActivity", "addTask", "taskDone", "share", "unshare"]);

/** The contact-history and task forms, posted to the page that shows them (`back`). */
export async function runRelationshipIntent(ctx: Ctx, organizationId: string | null, form: FormData, back: string) {
  const intent = String(form.get("intent"));
  const raw = readForm(form);
  const to = (done: string) => redirect(`${back}${back.includes("?") ? "&" : "?"}done=${done}`);
  try {
    switch (intent) {
      case "logActivity": {
        const result = await logActivity(ctx, organizationId ?? "", raw);
        return to(result.taskId ? "relations.activity.savedWithTask" : "relations.activity.saved");
      }
      case "addTask":
        await createTask(ctx, organizationId ?? "", raw);
        return to("relations.task.saved");
      case "share":
        await shareOrganization(ctx, organizationId ?? "", raw);
        return to("relations.share.saved");
      case "unshare":
        await unshareOrganization(ctx, organizationId ?? "", raw);
        return to("relations.share.revoked");
      case "taskDone":
        await setTaskDone(ctx, raw);
        return to(raw.done === "false" ? "relations.task.reopened" : "relations.task.markedDone");
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
}
