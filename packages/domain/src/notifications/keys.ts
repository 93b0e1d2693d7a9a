/**
 * The translation keys of a notice or e-mail, most specific first: `notify.kinds.order.shipped`,
 * then the entity's default, so an event without its own text still reads well.
 */
export function noticeKeys(kind: string, entityType: string): string[] {
  const safe = (s: string) => s.replace(/[^\w.]/g, "");
  return [`notify.kinds.${safe(kind)}`, `notify.kinds.${safe(entityType)}.default`];
}

/** Where a notice leads in either app: both have these pages for orders, returns, repair requests, payment notices, monthly statements and complaints. */
export function noticeHref(entityType: string, entityId: string): string | null {
  switch (entityType) {
    case "order":
      return `/orders/${entityId}`;
    case "return":
      return `/returns/${entityId}`;
    case "repair":
      return `/service/requests/${entityId}`;
    case "payment_notice":
      return "/finance/payment-notices";
    case "lead":
      // lead notices go to partners only: the portal's lead page
      return `/leads/${entityId}`;
    case "statement":
      return `/finance/statements/${entityId}`;
    case "red_letter":
      return `/finance/red-letters/${entityId}`;
    case "complaint":
      // both apps have the complaint's page (docs/decisions/038)
      return `/complaints/${entityId}`;
    default:
      return null;
  }
}
