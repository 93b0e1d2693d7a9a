export * from "./schema";
export * from "./list";
export * from "./get";
export { createOrganization, updateOrganization, updateOwnCompany } from "./save";
export { moveOrganization, listParentCandidates } from "./move";
export { saveContact, deleteContact, saveAddress } from "./contacts";
export { assertOwnerEligible, listOwnerCandidates } from "./owner";
export { countReassignable, reassignAccountOwner } from "./reassign";
