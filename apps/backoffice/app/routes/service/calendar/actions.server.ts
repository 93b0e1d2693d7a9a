import { redirect } from "react-router";
import { addCalendarDay, removeCalendarDay, type Ctx } from "@cs/domain";
import { actionError, readForm } from "@cs/web/server";

/** Runs what the calendar page asked for (`intent`) and redirects back to the day's year. */
export async function runCalendarAction(ctx: Ctx, form: FormData) {
  const raw = readForm(form);
  const back = (day: string, done: string) => redirect(`/service/calendar?year=${day.slice(0, 4)}&done=${done}&day=${day}`);
  try {
    switch (form.get("intent")) {
      case "add": {
        const added = await addCalendarDay(ctx, raw);
        return back(added.day, "added");
      }
      case "remove": {
        const removed = await removeCalendarDay(ctx, raw);
        return back(removed.day, "removed");
      }
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
}
