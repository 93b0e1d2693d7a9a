import { redirect } from "react-router";

/** The desk opens on the queue that needs a decision. */
export function loader() {
  return redirect("/orders/queue/pending_approval");
}
