"use client";
import { useState, type FormEvent } from "react";
import { TextField } from "@/components/Field";
import { ListField } from "@/components/ListField";
import { Notice } from "@/components/states";
import { api, etagOf, type Schemas } from "@/lib/api";
import { useI18n } from "@/lib/i18n";
import { CompanyPicker } from "./CompanyPicker";
import { DuplicateWarning } from "./DuplicateWarning";
import { useSave } from "./useSave";

type Contact = Schemas["ContactRead"];

// The API keeps up to this many emails, and as many phones, per contact.
const MAX_ADDRESSES = 10;

// A contact's several emails and phones: one list field each, the first row the primary one.
const LISTS = [
  {
    name: "emails",
    type: "email",
    legend: "contacts.emails",
    first: "contacts.email",
    nth: "contacts.emailN",
    remove: "contacts.emailRemove",
    add: "contacts.emailAdd",
    hint: "contacts.emailsHint",
  },
  {
    name: "phones",
    type: "tel",
    legend: "contacts.phones",
    first: "contacts.phone",
    nth: "contacts.phoneN",
    remove: "contacts.phoneRemove",
    add: "contacts.phoneAdd",
    hint: "contacts.phonesHint",
  },
] as const;

function splitTags(text: string): string[] {
  return text.split(",").map((tag) => tag.trim()).filter(Boolean);
}

/** Create or edit a contact; the server's field errors appear next to the fields. */
export function ContactForm({ contact, onSaved, onCancel }: { contact?: Contact; onSaved: (contact: Contact) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    first_name: contact?.first_name ?? "",
    last_name: contact?.last_name ?? "",
    job_title: contact?.job_title ?? "",
    tags: contact?.tags.join(", ") ?? "",
  });
  const [companyId, setCompanyId] = useState<string | null>(contact?.company_id ?? null);
  // Rows as typed, blanks included: the server drops blanks, and its errors name a row by index.
  const [addresses, setAddresses] = useState({ emails: contact?.emails ?? [], phones: contact?.phones ?? [] });
  const save = useSave<Contact>();

  async function submit(force = false) {
    const body = {
      first_name: form.first_name,
      last_name: form.last_name,
      ...addresses,
      job_title: form.job_title || null,
      company_id: companyId,
      tags: splitTags(form.tags),
    };
    await save.run(
      () =>
        contact
          ? api.PATCH("/api/v1/contacts/{contact_id}", {
              params: { path: { contact_id: contact.id }, query: { force }, header: { "If-Match": etagOf(contact.version) } },
              body,
            })
          : api.POST("/api/v1/contacts", { params: { query: { force } }, body }),
      onSaved,
    );
  }

  const set = (name: keyof typeof form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value }));
  return (
    <form
      noValidate
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        void submit();
      }}
    >
      {save.duplicateId && <DuplicateWarning kind="contacts" duplicateId={save.duplicateId} recordId={contact?.id} onForce={() => submit(true)} busy={save.busy} />}
      {save.message && <Notice kind={save.stale ? "warning" : "error"}>{save.stale ? t("alert.stale") : save.message}</Notice>}
      <div className="form-grid">
        <TextField label={t("contacts.firstName")} name="first_name" required value={form.first_name} onChange={set("first_name")} error={save.errors.first_name} />
        <TextField label={t("contacts.lastName")} name="last_name" value={form.last_name} onChange={set("last_name")} error={save.errors.last_name} />
        {LISTS.map((list) => (
          <ListField
            key={list.name}
            legend={t(list.legend)}
            itemLabel={(i) => (i === 0 ? t(list.first) : t(list.nth, { n: i + 1 }))}
            removeLabel={(i) => t(list.remove, { n: i + 1 })}
            addLabel={t(list.add)}
            hint={t(list.hint)}
            name={list.name}
            type={list.type}
            initial={addresses[list.name]}
            max={MAX_ADDRESSES}
            onChange={(values) => setAddresses((a) => ({ ...a, [list.name]: values }))}
            errors={save.errors}
          />
        ))}
        <TextField label={t("contacts.jobTitle")} name="job_title" value={form.job_title} onChange={set("job_title")} error={save.errors.job_title} />
        <TextField label={t("common.tags")} name="tags" hint={t("common.tagsHint")} value={form.tags} onChange={set("tags")} error={save.errors.tags} />
      </div>
      <CompanyPicker value={companyId} onChange={setCompanyId} error={save.errors.company_id} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.busy}>
          {contact ? t("action.save") : t("action.create")}
        </button>
        {onCancel && (
          <button type="button" className="button" onClick={onCancel}>
            {t("action.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
