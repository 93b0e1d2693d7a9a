import { readForm } from "./form-data.server";
import { redirect } from "react-router";
import { headerCounts, listNotifications, markAllNotificationsRead, markNotificationRead, notificationListQuery, type Ctx } from "@cs/domain";
import { actionError } from "./errors.server";
import { searchParamsObject } from "./params";

/** The notifications page's data, the same in both apps. */
export async function notificationsLoader(ctx: Ctx, request: Request) {
  const q = notificationListQuery.parse(searchParamsObject(request));
  return { page: await listNotifications(ctx, q), unreadOnly: q.unread, marked: new URL(request.url).searchParams.get("done") === "marked" };
}

/** Mark one or all read: only the actor's own notices change (the domain scopes by user). */
export async function notificationsAction(ctx: Ctx, request: Request) {
  const form = await request.formData();
  const raw = readForm(form);
  try {
    if (form.get("intent") === "markAll") await markAllNotificationsRead(ctx, raw);
    else await markNotificationRead(ctx, raw);
    return redirect("/notifications?done=marked");
  } catch (error) {
    return actionError(error, form);
  }
}


/** The header's counts (bell, and the cart for a buyer) in one query; a failure shows none rather than failing the page. */
export async function headerCountsFor(ctx: Ctx) {
  return headerCounts(ctx).catch(() => ({ unread: 0, cartLines: null }));
}
