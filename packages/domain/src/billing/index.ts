export * from "./vat";
export * from "./allocate";
export { priceInvoiceLines } from "./invoice";
export { shipOrder, confirmDelivery, shipOrderInput, type ShipOrderInput } from "./ship";
