import { useTranslation } from "@cs/i18n/react";
import { Form, Link, useSearchParams } from "react-router";
import type { Address, Contact } from "@cs/db";
import { Badge, Card, buttonClass } from "@cs/ui";
import { AddressForm, ContactForm } from "./contact-forms";
import type { ActionResult } from "./form";
import { CsrfInput } from "./root";

/** Which record's form is open: `?contact=new` or `?contact=<id>`, or the one a failed save came from. */
function useOpenForm(param: string, result: ActionResult, idField: string) {
  const [params] = useSearchParams();
  if (result?.status === "error") {
    const id = result.initialValue?.[idField];
    return typeof id === "string" && id ? id : "new";
  }
  return params.get(param);
}

export function ContactList({ contacts, editable, result, formKey }: { contacts: Contact[]; editable: boolean; result: ActionResult; formKey: string }) {
  const { t } = useTranslation();
  const open = useOpenForm("contact", result, "contactId");
  return (
    <Card
      title={t("contact.title")}
      actions={
        editable && open !== "new" ? (
          <Link to="?contact=new" className={buttonClass("secondary")} preventScrollReset>
            {t("contact.add")}
          </Link>
        ) : null
      }
    >
      {open === "new" && editable ? (
        <div className="mb-3">
          <ContactForm result={result} formKey={formKey} />
        </div>
      ) : null}
      {contacts.length === 0 ? (
        <p className="text-sm text-slate-600">{t("contact.none")}</p>
      ) : (
        <div className="relative overflow-x-auto">
          <table className="min-w-full text-sm">
            <caption className="sr-only">{t("contact.title")}</caption>
            <thead>
              <tr className="text-left text-slate-600">
                <th scope="col" className="py-1 pr-3 font-medium">{t("contact.name")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t("contact.position")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t("contact.mobile")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t("contact.phone")}</th>
                <th scope="col" className="py-1 pr-3 font-medium">{t("contact.email")}</th>
                {editable ? <th scope="col" className="py-1 font-medium"><span className="sr-only">{t("common.actions")}</span></th> : null}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {contacts.map((c) => (
                <ContactRow key={c.id} contact={c} editable={editable} open={open === c.id} result={result} formKey={formKey} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

function ContactRow({ contact: c, editable, open, result, formKey }: { contact: Contact; editable: boolean; open: boolean; result: ActionResult; formKey: string }) {
  const { t } = useTranslation();
  if (open)
    return (
      <tr>
        <td colSpan={6} className="py-2">
          <h3 className="mb-2 text-sm font-semibold">{t("contact.editTitle", { name: c.name })}</h3>
          <ContactForm contact={c} result={result} formKey={formKey} />
        </td>
      </tr>
    );
  return (
    <tr>
      <td className="py-1.5 pr-3">
        {c.name} {c.isPrimary ? <Badge tone="blue">{t("contact.primary")}</Badge> : null}
      </td>
      <td className="py-1.5 pr-3">{c.title ?? "—"}</td>
      <td className="py-1.5 pr-3">{c.mobile ?? "—"}</td>
      <td className="py-1.5 pr-3">{c.phone ?? "—"}</td>
      <td className="py-1.5 pr-3">{c.email ?? "—"}</td>
      {editable ? (
        <td className="flex gap-1 py-1.5">
          <Link to={`?contact=${c.id}`} className={buttonClass("ghost")} preventScrollReset aria-label={`${t("common.edit")} ${c.name}`}>
            {t("common.edit")}
          </Link>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="intent" value="deleteContact" />
            <input type="hidden" name="contactId" value={c.id} />
            <button type="submit" className={buttonClass("ghost", "text-red-700")} aria-label={`${t("common.delete")} ${c.name}`}>
              {t("common.delete")}
            </button>
          </Form>
        </td>
      ) : null}
    </tr>
  );
}

export function AddressList({ addresses, editable, result, formKey }: { addresses: Address[]; editable: boolean; result: ActionResult; formKey: string }) {
  const { t } = useTranslation();
  const open = useOpenForm("address", result, "addressId");
  return (
    <Card
      title={t("address.title")}
      actions={
        editable && open !== "new" ? (
          <Link to="?address=new" className={buttonClass("secondary")} preventScrollReset>
            {t("address.add")}
          </Link>
        ) : null
      }
    >
      {open === "new" && editable ? (
        <div className="mb-3">
          <AddressForm result={result} formKey={formKey} />
        </div>
      ) : null}
      {addresses.length === 0 ? <p className="text-sm text-slate-600">{t("address.none")}</p> : null}
      <ul className="divide-y divide-slate-100">
        {addresses.map((a) =>
          open === a.id && editable ? (
            <li key={a.id} className="py-2">
              <AddressForm address={a} result={result} formKey={formKey} />
            </li>
          ) : (
            <li key={a.id} className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm">
              <span>
                <strong className="font-medium">{a.label}</strong> {a.isDefault ? <Badge tone="blue">{t("address.default")}</Badge> : null} · {a.recipient} · {a.phone} ·{" "}
                {[a.province, a.city, a.district, a.line].filter(Boolean).join(" ")}
              </span>
              {editable ? (
                <Link to={`?address=${a.id}`} className={buttonClass("ghost")} preventScrollReset aria-label={`${t("common.edit")} ${a.label}`}>
                  {t("common.edit")}
                </Link>
              ) : null}
            </li>
          ),
        )}
      </ul>
    </Card>
  );
}
