"use client";
import { useParams } from "next/navigation";
import { useState } from "react";
import Link from "next/link";
import { Tags } from "@/components/Badges";
import { CompanyForm } from "@/components/crm/CompanyForm";
import { Props, RecordHeader } from "@/components/crm/RecordHeader";
import { Timeline } from "@/components/crm/Timeline";
import { DataView } from "@/components/states";
import { api, etagOf, unwrap, type Schemas } from "@/lib/api";
import { formatDateTime, fullName } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";

export default function CompanyPage() {
  const { id } = useParams<{ id: string }>();
  const { t, locale } = useI18n();
  const [editing, setEditing] = useState(false);
  const company = useLoad(async () => unwrap(await api.GET("/api/v1/companies/{company_id}", { params: { path: { company_id: id } } })), [id]);
  const people = useLoad(async () => unwrap(await api.GET("/api/v1/contacts", { params: { query: { company: id, limit: 20, sort: "last_name" } } })), [id]);

  return (
    <DataView {...company}>
      {(c: Schemas["CompanyRead"]) => (
        <>
          <RecordHeader
            title={c.name}
            back={{ href: "/companies", label: t("companies.title") }}
            editing={editing}
            onEdit={() => setEditing(true)}
            mergeHref={`/merge?type=companies&survivor=${c.id}`}
            archive={() => api.DELETE("/api/v1/companies/{company_id}", { params: { path: { company_id: c.id }, header: { "If-Match": etagOf(c.version) } } })}
          />
          <div className="grid">
            <section className="card" aria-labelledby="details-heading">
              <h2 id="details-heading">{t("record.details")}</h2>
              {editing ? (
                <CompanyForm
                  company={c}
                  onSaved={() => {
                    setEditing(false);
                    company.reload();
                  }}
                  onCancel={() => setEditing(false)}
                />
              ) : (
                <Props
                  rows={[
                    [t("companies.domain"), c.domain],
                    [t("companies.industry"), c.industry],
                    [t("companies.size"), c.size],
                    [t("companies.address"), c.address],
                    [t("common.tags"), c.tags.length ? <Tags tags={c.tags} /> : "—"],
                    [t("common.updated"), formatDateTime(c.updated_at, locale)],
                  ]}
                />
              )}
              <h3>{t("companies.people")}</h3>
              <DataView {...people} isEmpty={(p) => p.items.length === 0}>
                {(p) => (
                  <ul>
                    {p.items.map((person) => (
                      <li key={person.id}>
                        <Link href={`/contacts/${person.id}`}>{fullName(person)}</Link>
                        {person.job_title ? ` — ${person.job_title}` : ""}
                      </li>
                    ))}
                  </ul>
                )}
              </DataView>
            </section>
            <Timeline kind="companies" id={c.id} />
          </div>
        </>
      )}
    </DataView>
  );
}
