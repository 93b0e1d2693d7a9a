export { fileComplaint } from "./file";
export { assignComplaint, resolveComplaint } from "./work";
export { complaintLinkChoices, complaintOwnerChoices, complaintPartyChoices, getComplaint, listComplaints } from "./queries";
export { complaintListQuery, complaintSlaHours, fileComplaintInput, type ComplaintListQuery } from "./inputs";
export { complaintScope } from "./scope";
