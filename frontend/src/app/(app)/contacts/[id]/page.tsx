"use client";
import Link from "next/link";
import { useParams } from "next/navigation";
import { useState } from "react";
import { Tags } from "@/components/Badges";
import { FieldValues } from "@/components/Masked";
import { ContactForm } from "@/components/crm/ContactForm";
import { Props, RecordHeader } from "@/components/crm/RecordHeader";
import { Timeline } from "@/components/crm/Timeline";
import { DataView } from "@/components/states";
import { api, etagOf, unwrap, type Schemas } from "@/lib/api";
import { formatDateTime, fullName } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";

export default function ContactPage() {
  const { id } = useParams<{ id: string }>();
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const contact = useLoad(async () => unwrap(await api.GET("/api/v1/contacts/{contact_id}", { params: { path: { contact_id: id } } })), [id]);
  const company = useLoad(
    async () => (contact.data?.company_id ? unwrap(await api.GET("/api/v1/companies/{company_id}", { params: { path: { company_id: contact.data.company_id } } })) : null),
    [contact.data?.company_id],
  );

  return (
    <DataView {...contact}>
      {(c: Schemas["ContactRead"]) => (
        <>
          <RecordHeader
            title={fullName(c) || t("contacts.unnamed")}
            back={{ href: "/contacts", label: t("contacts.title") }}
            editing={editing}
            onEdit={() => setEditing(true)}
            mergeHref={`/merge?type=contacts&survivor=${c.id}`}
            archive={() => api.DELETE("/api/v1/contacts/{contact_id}", { params: { path: { contact_id: c.id }, header: { "If-Match": etagOf(c.version) } } })}
          />
          <div className="grid">
            <section className="card" aria-labelledby="details-heading">
              <h2 id="details-heading">{t("record.details")}</h2>
              {editing ? (
                <ContactForm
                  contact={c}
                  onSaved={() => {
                    setEditing(false);
                    contact.reload();
                  }}
                  onCancel={() => setEditing(false)}
                />
              ) : (
                <Props
                  rows={[
                    [t("contacts.emails"), <FieldValues key="emails" values={c.emails} primary={t("contacts.primary")} />],
                    [t("contacts.phones"), <FieldValues key="phones" values={c.phones} primary={t("contacts.primary")} />],
                    [t("contacts.jobTitle"), c.job_title],
                    [t("contacts.company"), company.data ? <Link href={`/companies/${company.data.id}`}>{company.data.name}</Link> : c.company_id ? "…" : "—"],
                    [t("common.tags"), c.tags.length ? <Tags tags={c.tags} /> : "—"],
                    [t("contacts.consents"), Object.keys(c.consents).length ? Object.entries(c.consents).map(([k, v]) => `${k}: ${(v as { granted?: boolean })?.granted ? t("common.yes") : t("common.no")}`).join(", ") : "—"],
                    [t("common.updated"), formatDateTime(c.updated_at, locale)],
                    [t("record.version"), c.version],
                  ]}
                />
              )}
            </section>
            <Timeline kind="contacts" id={c.id} />
          </div>
        </>
      )}
    </DataView>
  );
}
