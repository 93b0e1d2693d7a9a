import { redirect } from "react-router";
import { hashPassword } from "@cs/auth/server";
import { createTechnician, deactivateTechnician, linkTechnician, saveStationProfile, type Ctx } from "@cs/domain";
import { actionError, readForm } from "@cs/web/server";

/** Runs what the station page asked for (`intent`) and redirects with what happened. */
export async function runStationAction(ctx: Ctx, stationId: string, form: FormData) {
  const raw = { ...readForm(form), divisionIds: form.getAll("divisionIds").map(String) };
  const back = (done: string) => redirect(`/service/stations/${stationId}?done=${done}`);
  try {
    switch (form.get("intent")) {
      case "profile":
        await saveStationProfile(ctx, stationId, raw);
        return back("saved");
      case "create-technician":
        await createTechnician(ctx, stationId, raw, { hashPassword });
        return back("created");
      case "link":
        await linkTechnician(ctx, stationId, raw);
        return back("linked");
      case "deactivate":
        await deactivateTechnician(ctx, stationId, raw);
        return back("deactivated");
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
}
