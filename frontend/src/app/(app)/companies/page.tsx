"use client";
import Link from "next/link";
import { RecordList } from "@/components/RecordList";
import { RequireCapability } from "@/components/Shell";
import { api, unwrap, type Schemas } from "@/lib/api";
import { formatDate } from "@/lib/format";
import { useI18n } from "@/lib/i18n";

export default function CompaniesPage() {
  const { locale } = useI18n();
  return (
    <RequireCapability capability="crm:read">
      <RecordList<Schemas["CompanyRead"]>
        list="companies"
        title="companies.title"
        newHref="/companies/new"
        exportPath="/api/v1/companies/export.csv"
        sorts={[
          { value: "-updated_at", label: "sort.recent" },
          { value: "name", label: "sort.name" },
          { value: "-created_at", label: "sort.newest" },
        ]}
        columns={[
          { key: "name", label: "companies.name", sortKey: "name", render: (c) => <Link href={`/companies/${c.id}`}>{c.name}</Link> },
          { key: "domain", label: "companies.domain", render: (c) => c.domain ?? "—" },
          { key: "industry", label: "companies.industry", render: (c) => c.industry ?? "—" },
          { key: "size", label: "companies.size", render: (c) => c.size ?? "—" },
          { key: "updated", label: "common.updated", sortKey: "updated_at", render: (c) => formatDate(c.updated_at, locale) },
        ]}
        load={async (query) => unwrap(await api.GET("/api/v1/companies", { params: { query } }))}
      />
    </RequireCapability>
  );
}
