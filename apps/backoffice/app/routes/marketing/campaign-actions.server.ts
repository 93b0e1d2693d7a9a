import { redirect } from "react-router";
import { addCampaignSpend, approveCampaign, closeCampaign, decideCampaignSpend, startCampaign, type Ctx } from "@cs/domain";
import { actionError, readForm } from "@cs/web/server";

/** Runs what a campaign's page asked for (`intent`) and redirects with what happened. */
export async function runCampaignAction(ctx: Ctx, campaignId: string, form: FormData) {
  const raw = { ...readForm(form), campaignId };
  const back = (done: string) => redirect(`/marketing/campaigns/${campaignId}?done=${done}`);
  try {
    switch (form.get("intent")) {
      case "approve":
        await approveCampaign(ctx, raw);
        return back("approved");
      case "start":
        await startCampaign(ctx, raw);
        return back("started");
      case "close":
        await closeCampaign(ctx, raw);
        return back("closed");
      case "spend": {
        const spend = await addCampaignSpend(ctx, raw);
        return spend.status === "pending" ? redirect(`/marketing/campaigns/${campaignId}?done=pending&spend=${spend.spendId}`) : back("spent");
      }
      case "decideSpend": {
        const decided = await decideCampaignSpend(ctx, raw);
        return back(decided.status === "counted" ? "spendApproved" : "spendRejected");
      }
      default:
        return null;
    }
  } catch (error) {
    return actionError(error, form);
  }
}
