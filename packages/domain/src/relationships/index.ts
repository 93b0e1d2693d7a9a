export * from "./schema";
export { mayWorkRelationships } from "./access";
export { logActivity, listActivities, type ActivityRow } from "./activities";
export { createTask, setTaskDone, listOrganizationTasks, type TaskRow } from "./tasks";
export { myDay, myDaySummary, DORMANT_DAYS, type MyDay, type MyDaySummary } from "./my-day";
export { customer360, type Customer360, type TimelineEvent } from "./customer-360";
export { runCareRules, birthdayCare, dormantCare } from "./care";
export { listOrganizationShares, shareOrganization, shareTargets, unshareOrganization, type ShareRow } from "./shares";
