export * from "./outbox";
export * from "./render";
export * from "./transport";
export * from "./sms-transport";
export * from "./env.server";
export * from "./start";
export * from "./rebate-runs";
export * from "./lead-sla";
