export * from "./code";
export * from "./discount";
export * from "./issue";
export * from "./revoke";
export * from "./queries";
export { couponCodeField, previewCheckoutCoupon, type CouponReason } from "./checkout";
