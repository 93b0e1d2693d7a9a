import { pgEnum } from "drizzle-orm/pg-core";

export const organizationKinds = [
  "company",
  "branch",
  "master_distributor",
  "agent",
  "dealer",
  "key_account",
  "repair_station",
] as const;
export type OrganizationKind = (typeof organizationKinds)[number];
export const organizationKind = pgEnum("organization_kind", organizationKinds);

export const organizationStatuses = ["active", "inactive", "on_hold"] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];
export const organizationStatus = pgEnum("organization_status", organizationStatuses);

export const partnerTiers = ["strategic", "gold", "silver", "bronze"] as const;
export type PartnerTier = (typeof partnerTiers)[number];
export const partnerTier = pgEnum("partner_tier", partnerTiers);

export const regions = ["north", "east", "south", "southwest"] as const;
export type Region = (typeof regions)[number];
export const region = pgEnum("region", regions);

export const userKinds = ["staff", "partner", "customer"] as const;
export type UserKind = (typeof userKinds)[number];
export const userKind = pgEnum("user_kind", userKinds);

/** What happens to a shortfall at confirmation: kept as backorder, or the order is confirmed for what is available. */
export const backorderPolicies = ["backorder", "ship_available"] as const;
export type BackorderPolicy = (typeof backorderPolicies)[number];
export const backorderPolicy = pgEnum("backorder_policy", backorderPolicies);
