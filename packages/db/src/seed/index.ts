export { seedDemo, demoSignIns, buildDemoData, DEMO_PASSWORD, STAR_DEALER, type DemoSignIn } from "./demo";
export { seedLarge, LARGE_PREFIX, type LargeSeedResult } from "./large";
export { seedLargeOrders, LARGE_ORDER_PREFIX, type LargeOrdersResult } from "./large-orders";
export { makeCreditCode, creditCodeCheckChar, isValidCreditCode, orgCodeCheckChar, CREDIT_CODE_ALPHABET } from "./credit-code";
export { createRandom, seedUuid, type Random } from "./random";
export { buildInventoryData, seedInventory, type InventoryData, type InventorySource } from "./inventory";
export { stockLocationId, branchWarehouse, CENTRAL_WAREHOUSE, TRANSIT, SUPPLIER, CUSTOMER, LOSS } from "./inventory-locations";
export { buildPricingData, seedPricing } from "./pricing";
export { seedQuarantineLocations } from "./returns";
