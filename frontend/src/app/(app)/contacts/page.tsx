"use client";
import Link from "next/link";
import { Tags } from "@/components/Badges";
import { FieldValue } from "@/components/Masked";
import { RecordList } from "@/components/RecordList";
import { RequireCapability } from "@/components/Shell";
import { api, unwrap, type Schemas } from "@/lib/api";
import { formatDate, fullName } from "@/lib/format";
import { useI18n } from "@/lib/i18n";

/** The primary value, and how many others the contact has. */
function Primary({ value, all }: { value: string | null; all: string[] }) {
  const { t } = useI18n();
  const others = all.length - 1;
  return (
    <>
      <FieldValue value={value} />
      {others > 0 && (
        <span className="muted">
          {" "}
          <span aria-hidden="true">+{others}</span>
          <span className="visually-hidden">({t("contacts.more", { count: others })})</span>
        </span>
      )}
    </>
  );
}

export default function ContactsPage() {
  const { locale } = useI18n();
  return (
    <RequireCapability capability="crm:read">
      <RecordList<Schemas["ContactRead"]>
        list="contacts"
        title="contacts.title"
        newHref="/contacts/new"
        exportPath="/api/v1/contacts/export.csv"
        sorts={[
          { value: "-updated_at", label: "sort.recent" },
          { value: "last_name", label: "sort.name" },
          { value: "-created_at", label: "sort.newest" },
        ]}
        columns={[
          { key: "name", label: "contacts.name", sortKey: "last_name", render: (c) => <Link href={`/contacts/${c.id}`}>{fullName(c) || "—"}</Link> },
          { key: "email", label: "contacts.email", render: (c) => <Primary value={c.email} all={c.emails} /> },
          { key: "phone", label: "contacts.phone", render: (c) => <Primary value={c.phone} all={c.phones} /> },
          { key: "job", label: "contacts.jobTitle", render: (c) => c.job_title ?? "—" },
          { key: "tags", label: "common.tags", render: (c) => <Tags tags={c.tags} /> },
          { key: "updated", label: "common.updated", sortKey: "updated_at", render: (c) => formatDate(c.updated_at, locale) },
        ]}
        load={async (query) => unwrap(await api.GET("/api/v1/contacts", { params: { query } }))}
      />
    </RequireCapability>
  );
}
