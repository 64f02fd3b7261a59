"use client";
import { useEffect, useId, useState } from "react";
import { api, unwrap } from "@/lib/api";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";

/** Choose a company by searching its name; the value is its id. */
export function CompanyPicker({ value, onChange, error }: { value: string | null; onChange: (id: string | null) => void; error?: string }) {
  const { t } = useI18n();
  const id = useId();
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setQ(search), 250);
    return () => clearTimeout(timer);
  }, [search]);
  const current = useLoad(async () => (value ? unwrap(await api.GET("/api/v1/companies/{company_id}", { params: { path: { company_id: value } } })) : null), [value]);
  const matches = useLoad(async () => unwrap(await api.GET("/api/v1/companies", { params: { query: { q: q || undefined, sort: "name", limit: 20 } } })), [q]);
  const options = [...(matches.data?.items ?? [])];
  if (current.data && !options.some((c) => c.id === current.data!.id)) options.unshift(current.data);

  return (
    <div className={`field${error ? " field-invalid" : ""}`}>
      <label htmlFor={`${id}-search`}>{t("contacts.companySearch")}</label>
      <input id={`${id}-search`} type="search" value={search} onChange={(e) => setSearch(e.target.value)} />
      <label htmlFor={`${id}-select`}>{t("contacts.company")}</label>
      <select id={`${id}-select`} value={value ?? ""} onChange={(e) => onChange(e.target.value || null)} aria-invalid={error ? true : undefined}>
        <option value="">{t("common.none")}</option>
        {options.map((company) => (
          <option key={company.id} value={company.id}>
            {company.name}
          </option>
        ))}
      </select>
      {error && <p className="field-error">{error}</p>}
    </div>
  );
}
