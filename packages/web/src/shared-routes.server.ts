import type { RouterContextProvider } from "react-router";
import { requireActor } from "@cs/auth/server";
import { confirmDelivery, getInvoice, getSettlement, getShipment, listSettlements, listShipments, shipmentListQuery } from "@cs/domain";
import { accountAction } from "./account.server";
import { domainCtx } from "./ctx.server";
import { actionError } from "./errors.server";
import { notificationsAction, notificationsLoader } from "./notifications.server";
import { searchParamsObject } from "./params";
import { productImageResponse } from "./uploads.server";

/**
 * Loaders and actions of pages both apps serve the same way. Each app's route module wires them
 * (`export const loader = guarded(sharedLoaders.invoice)`) and renders the matching page from
 * `@cs/web`, so the page exists once and the app keeps only its URL.
 */
type Args = { context: Readonly<RouterContextProvider>; request: Request; params: { id?: string } };

const ctxOf = ({ context, request }: Args) => domainCtx(context, request);

export const sharedLoaders = {
  account: ({ context, request }: Args) => {
    requireActor(context, request);
    return null;
  },
  notifications: (args: Args) => notificationsLoader(ctxOf(args), args.request),
  invoice: (args: Args) => getInvoice(ctxOf(args), args.params.id ?? ""),
  shipment: (args: Args) => getShipment(ctxOf(args), args.params.id ?? ""),
  shipments: async (args: Args) => {
    const query = shipmentListQuery.parse(searchParamsObject(args.request));
    return { page: await listShipments(ctxOf(args), query), query };
  },
  settlement: async (args: Args) => ({ s: await getSettlement(ctxOf(args), args.params.id ?? "") }),
  settlements: async (args: Args) => ({ rows: await listSettlements(ctxOf(args)) }),
  /** One size of a product picture (`/product-images/:id?w=320`), for whoever may see the product. */
  productImage: (args: Args) => productImageResponse(ctxOf(args), args.request, args.params.id ?? ""),
};

export const sharedActions = {
  account: ({ context, request }: Args) => accountAction(request, context),
  notifications: (args: Args) => notificationsAction(ctxOf(args), args.request),
  /** The partner or the desk confirms a shipment arrived. */
  shipment: async (args: Args) => {
    const form = await args.request.formData();
    try {
      await confirmDelivery(ctxOf(args), { shipmentId: args.params.id ?? "" });
      return { delivered: true };
    } catch (error) {
      return actionError(error, form);
    }
  },
};
