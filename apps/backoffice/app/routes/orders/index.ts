import { redirect } from "react-router";
import { guarded } from "@cs/web/server";

/** The desk opens on the queue that needs a decision. */
export const loader = guarded(function loader() {
  return redirect("/orders/queue/pending_approval");
});
