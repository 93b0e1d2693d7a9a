export * from "./actor";
export * from "./register";
export * from "./preferences";
export { CODE_TTL_MINUTES, maskLogin } from "./login-code";
export * from "./verify-login";
export { INVITATION_TTL_DAYS, invitationPreview, inviteCustomer } from "./invitations";
