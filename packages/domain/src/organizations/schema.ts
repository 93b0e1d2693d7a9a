import { z } from "zod";
import { organizationStatuses, partnerTiers, regions, type OrganizationKind } from "@cs/db/schema/enums";
import {
  creditCodeField,
  dateField,
  emailField,
  landlineField,
  mobileField,
  optionalText,
  phoneField,
  requiredText,
  uuidField,
  yuanToFenField,
} from "../validation";
import { strictNumber } from "../validation/fields";

/** Kinds staff may create; the company itself exists once, from the seed. */
export const editableKinds = ["branch", "master_distributor", "agent", "dealer", "key_account", "repair_station"] as const;
export const partnerKinds = ["master_distributor", "agent", "dealer", "key_account", "repair_station"] as const;
export const channelKinds = ["master_distributor", "agent", "dealer"] as const;

export function isPartnerKind(kind: OrganizationKind) {
  return (partnerKinds as readonly string[]).includes(kind);
}

/** Who may supply whom in the channel tree (null = directly under the distributor). */
export const allowedParentKinds: Record<OrganizationKind, readonly OrganizationKind[]> = {
  company: [],
  branch: [],
  master_distributor: [],
  agent: ["master_distributor"],
  dealer: ["master_distributor", "agent"],
  key_account: [],
  repair_station: [],
};

const optionalUuid = z.preprocess((v) => (v === "" ? undefined : v), uuidField.optional());

export const organizationInput = z
  .object({
    kind: z.enum(editableKinds, { error: "validation.required" }),
    name: requiredText(100),
    shortName: optionalText(30),
    taxId: creditCodeField,
    ownerBranchId: optionalUuid,
    accountOwnerId: optionalUuid,
    tier: z.preprocess((v) => (v === "" ? undefined : v), z.enum(partnerTiers, { error: "validation.invalid" }).optional()),
    region: z.preprocess((v) => (v === "" ? undefined : v), z.enum(regions, { error: "validation.invalid" }).optional()),
    province: optionalText(20),
    city: optionalText(30),
    address: optionalText(200),
    phone: phoneField,
    status: z.enum(organizationStatuses, { error: "validation.invalid" }).default("active"),
    creditLimit: yuanToFenField,
    paymentTermsDays: z.preprocess(
      (v) => (v === "" || v === undefined ? 0 : v),
      strictNumber(z.number({ error: "validation.integer" }).int({ error: "validation.integer" }).min(0, { error: "validation.range" }).max(365, { error: "validation.range" })),
    ),
  })
  .superRefine((v, ctx) => {
    const need = (field: keyof typeof v) => {
      if (v[field] === undefined) ctx.addIssue({ code: "custom", path: [field], message: "validation.required" });
    };
    if (v.kind === "branch") {
      need("region");
      need("city");
      need("phone");
      return;
    }
    need("taxId");
    need("ownerBranchId");
    need("province");
    need("city");
    need("phone");
    if ((channelKinds as readonly string[]).includes(v.kind)) need("tier");
  });
export type OrganizationInput = z.output<typeof organizationInput>;

export const organizationUpdateInput = z.object({ version: strictNumber(z.number().int().min(1)) }).and(organizationInput);

export const companyProfileInput = z
  .object({
    version: strictNumber(z.number().int().min(1)),
    shortName: optionalText(30),
    phone: phoneField,
    address: optionalText(200),
  })
  .superRefine((v, ctx) => {
    if (!v.phone) ctx.addIssue({ code: "custom", path: ["phone"], message: "validation.required" });
  });

/** Bulk reassignment: the new owner (blank clears it) of every account the list filter matches. */
export const reassignOwnerInput = z.object({
  accountOwnerId: optionalUuid,
  /** How many accounts the page said it would change: a filter that now matches more or fewer is refused. */
  expected: strictNumber(z.number().int().min(1)),
});

export const moveInput = z.object({
  parentId: optionalUuid,
  effectiveDate: z.iso.date({ error: "validation.date" }),
});
export type MoveInput = z.output<typeof moveInput>;

export const contactInput = z
  .object({
    name: requiredText(50),
    title: optionalText(50),
    mobile: mobileField,
    phone: landlineField,
    email: emailField,
    birthday: dateField,
    isPrimary: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (!v.mobile && !v.phone && !v.email)
      ctx.addIssue({ code: "custom", path: ["mobile"], message: "validation.contactReachable" });
  });
export type ContactInput = z.output<typeof contactInput>;

export const addressInput = z
  .object({
  label: requiredText(30),
  recipient: requiredText(50),
  phone: phoneField,
  province: requiredText(20),
  city: requiredText(30),
  district: optionalText(30),
  line: requiredText(200),
  isDefault: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (!v.phone) ctx.addIssue({ code: "custom", path: ["phone"], message: "validation.required" });
  });
export type AddressInput = z.output<typeof addressInput>;
