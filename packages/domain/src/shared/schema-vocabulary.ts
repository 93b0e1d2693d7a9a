/**
 * The schema's enumerations and row types that pages need (filter options, form fields). Routes take
 * them from `@cs/domain/shared/schema-vocabulary`, never from `@cs/db` (the lint rule in
 * eslint.config.js keeps apps off the schema). Page components use them in the browser bundle, so
 * neither this module nor what it imports may reach server code: it is not in the domain's index, and
 * each name comes from its schema module, not the `@cs/db` index that also carries the database client.
 */
export { locationKinds, moveReasons } from "@cs/db/schema/inventory";
export { organizationKinds, organizationStatuses, partnerTiers, regions } from "@cs/db/schema/enums";
export { repairPriorities, repairStatuses } from "@cs/db/schema/service";
export { returnReasons } from "@cs/db/schema/returns";
export { budgetCategories, campaignStatuses, campaignTypes } from "@cs/db/schema/marketing";
export { activityKinds } from "@cs/db/schema/relationships";
export { complaintCategories, complaintSeverities, complaintStatuses } from "@cs/db/schema/satisfaction";
export type { KnowledgeArticle } from "@cs/db/schema/knowledge";
export type { Organization } from "@cs/db/schema/organizations";
export type { RebateMultiplierTier, RebateTier } from "@cs/db/schema/rebates";
