"use client";
import { useState, type FormEvent } from "react";
import { TextField } from "@/components/Field";
import { Notice } from "@/components/states";
import { api, etagOf, type Schemas } from "@/lib/api";
import { useI18n } from "@/lib/i18n";
import { DuplicateWarning } from "./DuplicateWarning";
import { useSave } from "./useSave";

type Company = Schemas["CompanyRead"];

export function CompanyForm({ company, onSaved, onCancel }: { company?: Company; onSaved: (company: Company) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const [form, setForm] = useState({
    name: company?.name ?? "",
    domain: company?.domain ?? "",
    industry: company?.industry ?? "",
    size: company?.size ?? "",
    address: company?.address ?? "",
    tags: company?.tags.join(", ") ?? "",
  });
  const save = useSave<Company>();

  async function submit(force = false) {
    const body = {
      name: form.name,
      domain: form.domain || null,
      industry: form.industry || null,
      size: form.size || null,
      address: form.address || null,
      tags: form.tags.split(",").map((s) => s.trim()).filter(Boolean),
    };
    await save.run(
      () =>
        company
          ? api.PATCH("/api/v1/companies/{company_id}", {
              params: { path: { company_id: company.id }, query: { force }, header: { "If-Match": etagOf(company.version) } },
              body,
            })
          : api.POST("/api/v1/companies", { params: { query: { force } }, body }),
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
      {save.duplicateId && <DuplicateWarning kind="companies" duplicateId={save.duplicateId} recordId={company?.id} onForce={() => submit(true)} busy={save.busy} />}
      {save.message && <Notice kind={save.stale ? "warning" : "error"}>{save.stale ? t("alert.stale") : save.message}</Notice>}
      <div className="form-grid">
        <TextField label={t("companies.name")} required value={form.name} onChange={set("name")} error={save.errors.name} />
        <TextField label={t("companies.domain")} value={form.domain} onChange={set("domain")} error={save.errors.domain} placeholder="example.com" />
        <TextField label={t("companies.industry")} value={form.industry} onChange={set("industry")} error={save.errors.industry} />
        <TextField label={t("companies.size")} value={form.size} onChange={set("size")} error={save.errors.size} />
        <TextField label={t("companies.address")} value={form.address} onChange={set("address")} error={save.errors.address} />
        <TextField label={t("common.tags")} hint={t("common.tagsHint")} value={form.tags} onChange={set("tags")} error={save.errors.tags} />
      </div>
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.busy}>
          {company ? t("action.save") : t("action.create")}
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
