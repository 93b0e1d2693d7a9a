import type { Widen } from "../shape";
import type { zhCN } from "./supply.zh-CN";

export const en: Widen<typeof zhCN> = {
  title: "Supply routes",
  nav: "Supply routes",
  intro: "A master distributor supplies its own agents and dealers for a division; divisions without a route are supplied by us. Orders already placed keep their supplier.",
  fields: {
    supplier: "Master distributor",
    division: "Division",
    createdAt: "Created",
  },
  add: "Add route",
  delete: "Delete",
  empty: "No supply routes: we supply every order.",
  done: { created: "Supply route added.", deleted: "Supply route deleted." },
  errors: {
    notMasterDistributor: "The supplier must be an active master distributor.",
    routeExists: "This master distributor already supplies that division.",
    notConfirmable: "The distributor has not accepted this order yet (approval or credit hold); it cannot be confirmed now.",
    creditHold: "The customer is on credit hold: nothing can be confirmed or shipped.",
  },
  portal: {
    title: "Orders to fulfil",
    nav: "Orders to fulfil",
    intro: "Orders of your sub-channel that you supply: confirm them from your own stock (reserve), then ship from your location.",
    tabs: { label: "Fulfilment queues", backorders: "To confirm", to_ship: "To ship", all: "All" },
    free: "Own free stock",
    noLocation: "You have no own stock location yet; ask the distributor.",
    confirm: "Confirm from own stock",
    confirmHint: "Reserves the backordered quantities from your virtual stock; what is short stays backordered (or is cancelled, per the customer's setting).",
    ship: "Ship",
    shipHint: "Enter the quantities shipped now (at most what is reserved), the carrier and the tracking number.",
    carrier: "Carrier",
    tracking: "Tracking number",
    fromLocation: "Ship from",
    serials: "Serial numbers",
    done: {
      confirmed: "Reserved {{reserved}}; {{backordered}} still backordered, {{cancelled}} cancelled.",
      shipped: "Shipped.",
    },
  },
};
