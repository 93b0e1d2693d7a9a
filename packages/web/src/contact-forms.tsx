import { useTranslation } from "@cs/i18n/react";
import { Form } from "react-router";
import type { Address, Contact } from "@cs/db";
import { Button, CheckboxField, TextField } from "@cs/ui";
import { FormAlert, useFieldErrors, type ActionResult } from "./form";
import { CsrfInput } from "./root";

const value = (result: ActionResult, name: string, fallback: string | null | undefined) => {
  const v = result?.initialValue?.[name];
  return typeof v === "string" ? v : (fallback ?? "");
};

/** Add or edit one contact; `formKey` makes a retried create land once. */
export function ContactForm({ contact, result, formKey }: { contact?: Contact; result: ActionResult; formKey: string }) {
  const { t } = useTranslation();
  const errors = useFieldErrors(result);
  return (
    <Form method="post" className="grid gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-3">
      <CsrfInput />
      <input type="hidden" name="intent" value="saveContact" />
      <input type="hidden" name="_key" value={formKey} />
      {contact ? <input type="hidden" name="contactId" value={contact.id} /> : null}
      <div className="sm:col-span-3">
        <FormAlert result={result} />
      </div>
      <TextField label={t("contact.name")} name="name" required maxLength={50} defaultValue={value(result, "name", contact?.name)} errors={errors("name")} />
      <TextField label={t("contact.position")} name="title" maxLength={50} defaultValue={value(result, "title", contact?.title)} errors={errors("title")} />
      <TextField label={t("contact.mobile")} name="mobile" inputMode="tel" maxLength={20} defaultValue={value(result, "mobile", contact?.mobile)} errors={errors("mobile")} />
      <TextField label={t("contact.phone")} name="phone" inputMode="tel" maxLength={30} defaultValue={value(result, "phone", contact?.phone)} errors={errors("phone")} />
      <TextField label={t("contact.email")} name="email" type="email" maxLength={254} defaultValue={value(result, "email", contact?.email)} errors={errors("email")} />
      <TextField label={t("contact.birthday")} name="birthday" type="date" defaultValue={value(result, "birthday", contact?.birthday)} errors={errors("birthday")} />
      <CheckboxField label={t("contact.primary")} name="isPrimary" defaultChecked={contact?.isPrimary ?? false} />
      <div className="flex items-end sm:col-span-2 sm:justify-end">
        <Button>{t("common.save")}</Button>
      </div>
    </Form>
  );
}

export function AddressForm({ address, result, formKey }: { address?: Address; result: ActionResult; formKey: string }) {
  const { t } = useTranslation();
  const errors = useFieldErrors(result);
  return (
    <Form method="post" className="grid gap-3 rounded-md bg-slate-50 p-3 ring-1 ring-slate-200 sm:grid-cols-3">
      <CsrfInput />
      <input type="hidden" name="intent" value="saveAddress" />
      <input type="hidden" name="_key" value={formKey} />
      {address ? <input type="hidden" name="addressId" value={address.id} /> : null}
      <div className="sm:col-span-3">
        <FormAlert result={result} />
      </div>
      <TextField label={t("address.label")} name="label" required maxLength={30} defaultValue={value(result, "label", address?.label)} errors={errors("label")} />
      <TextField label={t("address.recipient")} name="recipient" required maxLength={50} defaultValue={value(result, "recipient", address?.recipient)} errors={errors("recipient")} />
      <TextField label={t("address.phone")} name="phone" required maxLength={30} defaultValue={value(result, "phone", address?.phone)} errors={errors("phone")} />
      <TextField label={t("address.province")} name="province" required maxLength={20} defaultValue={value(result, "province", address?.province)} errors={errors("province")} />
      <TextField label={t("address.city")} name="city" required maxLength={30} defaultValue={value(result, "city", address?.city)} errors={errors("city")} />
      <TextField label={t("address.district")} name="district" maxLength={30} defaultValue={value(result, "district", address?.district)} errors={errors("district")} />
      <TextField label={t("address.line")} name="line" required maxLength={200} className="sm:col-span-2" defaultValue={value(result, "line", address?.line)} errors={errors("line")} />
      <CheckboxField label={t("address.default")} name="isDefault" defaultChecked={address?.isDefault ?? false} />
      <div className="flex justify-end sm:col-span-3">
        <Button>{t("common.save")}</Button>
      </div>
    </Form>
  );
}
