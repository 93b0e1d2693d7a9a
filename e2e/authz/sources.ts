import type { IdSource } from "./ids";

/** Id sources shared by both apps' manifests: see `IdSource` for what owned and foreign mean. */
export const ids = {
  organization: { from: "organizations t", org: ["t.id"], branch: "t.owner_branch_id" },
  channelPartner: {
    from: "organizations t",
    visible: "t.kind in ('dealer', 'agent', 'master_distributor', 'key_account')",
    org: ["t.id"],
    branch: "t.owner_branch_id",
  },
  order: { from: "orders t", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  // The portal's fulfil page: orders a master distributor supplies; its own purchases are not foreign to it.
  suppliedOrder: { from: "orders t", org: ["t.supplier_id"], alsoOwnedBy: ["t.organization_id"], branch: "t.owner_branch_id" },
  // The back-office ships what the distributor supplies; orders a master distributor supplies are not ours to ship.
  distributorOrder: { from: "orders t", visible: "t.supplier_id is null", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  invoice: { from: "invoices t", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  paymentNotice: { from: "payment_notices t", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  accountStatement: { from: "account_statements t", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  redLetter: { from: "red_letter_requests t", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  shipment: { from: "shipments t", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  return: { from: "return_requests t", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  rebateStatement: { from: "rebate_statements t", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  // A partner sees its statements once published; drafts and approved ones are the desk's.
  publishedRebateStatement: {
    from: "rebate_statements t",
    visible: "t.status in ('published', 'settled')",
    org: ["t.organization_id"],
  },
  callOff: { from: "stock_documents t", org: ["t.organization_id"], visible: "t.kind = 'call_off'" },
  sellOut: { from: "stock_documents t", org: ["t.organization_id"], visible: "t.kind = 'sell_out'" },
  stockDocument: {
    from: "stock_documents t",
    branch: "(select l.branch_id from stock_locations l where l.id = coalesce(t.from_location_id, t.to_location_id))",
  },
  stockLocation: { from: "stock_locations t", branch: "t.branch_id" },
  repairRequest: { from: "repair_requests t", org: ["t.organization_id", "t.station_id"], customer: "t.end_customer_id" },
  repairPhoto: {
    from: "repair_attachments a join repair_requests t on t.id = a.request_id",
    select: { id: "t.id", attachmentId: "a.id" },
    org: ["t.organization_id", "t.station_id"],
    customer: "t.end_customer_id",
  },
  settlement: { from: "station_settlements t", org: ["t.station_id"] },
  endCustomer: { from: "end_customers t", customer: "t.id" },
  station: { from: "organizations t", visible: "t.kind = 'repair_station'", branch: "t.owner_branch_id" },
  // A draft is its author's (a technician drafting from a repair) and the service desk's only.
  article: {
    from: "knowledge_articles t",
    visible: "t.status = 'published'", hidden: "t.status <> 'published' and t.author_id not in (select id from users where organization_id = :org)",
  },
  priceList: { from: "price_lists t" },
  contractPrice: { from: "contract_prices t" },
  promotion: { from: "promotions t" },
  product: { from: "products t" },
  /** A product on sale: the portal's product page (a retired one is not found there). */
  productOnSale: { from: "products t", visible: "t.active" },
  /** Pictures of products on sale (the seed's): every partner and staff user may see them. */
  productImage: { from: "product_images t join products p on p.id = t.product_id and p.active" },
  rebateProgram: { from: "rebate_programs t" },
  rebateRun: { from: "rebate_runs t" },
  priceProtection: { from: "price_protections t" },
  budgetPool: { from: "budget_pools t", branch: "t.branch_id" },
  campaign: { from: "campaigns t", branch: "t.branch_id" },
  fundApplication: { from: "fund_applications t", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  fundClaimFile: {
    from: "fund_claim_files t join fund_claims c on c.id = t.claim_id",
    select: { id: "c.application_id", fileId: "t.id" },
    org: ["t.organization_id"],
    branch: "c.owner_branch_id",
  },
  dealRegistration: { from: "deal_registrations t", org: ["t.organization_id"], branch: "t.owner_branch_id" },
  // Coupons are the company's, not a branch's: every coupon:manage holder sees every one.
  coupon: { from: "coupons t" },
  // pool leads (no partner) are foreign to every partner
  lead: { from: "leads t", org: ["t.organization_id"] },
  // an open campaign's public landing form (/c/<code>)
  landingCampaign: { from: "(select * from campaigns where code is not null and status in ('approved', 'running')) t", select: { code: "t.code" } },
  // complaints (投诉): the partner's or the end customer's own, the branch's for staff limited to branches
  complaint: { from: "complaints t", org: ["t.organization_id"], customer: "t.end_customer_id", branch: "t.branch_id" },
  // a survey link's token is stored only as its hash: the real one is in the e-mail the link went out in
  surveyToken: {
    from: "(select o.params->>'surveyToken' as token from email_outbox o where o.template like 'survey.%' and o.params->>'surveyToken' is not null) t",
    select: { token: "t.token" },
  },
  orderQueue: { from: "", values: ["to_allocate"] },
  stockDocumentKind: { from: "", values: ["receipt"] },
} satisfies Record<string, IdSource>;
