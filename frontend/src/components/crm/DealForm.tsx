"use client";
import { useState, type FormEvent } from "react";
import { SelectField, TextArea, TextField } from "@/components/Field";
import { Notice } from "@/components/states";
import { api, etagOf, unwrap, type Schemas } from "@/lib/api";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";
import { CompanyPicker } from "./CompanyPicker";
import { useSave } from "./useSave";

type Deal = Schemas["DealRead"];
type Status = "open" | "won" | "lost";

export function DealForm({ deal, onSaved, onCancel }: { deal?: Deal; onSaved: (deal: Deal) => void; onCancel?: () => void }) {
  const { t } = useI18n();
  const pipelines = useLoad(async () => unwrap(await api.GET("/api/v1/pipelines")), []);
  const [form, setForm] = useState({
    title: deal?.title ?? "",
    description: deal?.description ?? "",
    amount: deal?.amount ?? "0",
    currency: deal?.currency ?? "EUR",
    expected_close_date: deal?.expected_close_date ?? "",
    probability: deal?.probability != null ? String(deal.probability) : "",
    tags: deal?.tags.join(", ") ?? "",
    status: (deal?.status ?? "open") as Status,
  });
  const [pipelineId, setPipelineId] = useState<string>(deal?.pipeline_id ?? "");
  const [stageId, setStageId] = useState<string>(deal?.stage_id ?? "");
  const [companyId, setCompanyId] = useState<string | null>(deal?.company_id ?? null);
  const save = useSave<Deal>();

  const pipeline = pipelines.data?.find((p) => p.id === pipelineId) ?? pipelines.data?.find((p) => p.is_default) ?? pipelines.data?.[0];
  const stages = pipeline?.stages ?? [];

  async function submit() {
    const body = {
      title: form.title,
      description: form.description || null,
      amount: form.amount || "0",
      currency: form.currency,
      expected_close_date: form.expected_close_date || null,
      probability: form.probability === "" ? null : Number(form.probability),
      tags: form.tags.split(",").map((s) => s.trim()).filter(Boolean),
      pipeline_id: pipeline?.id ?? null,
      stage_id: stageId || stages[0]?.id || null,
      company_id: companyId,
    };
    await save.run(
      () =>
        deal
          ? api.PATCH("/api/v1/deals/{deal_id}", {
              params: { path: { deal_id: deal.id }, header: { "If-Match": etagOf(deal.version) } },
              body: { ...body, status: form.status },
            })
          : api.POST("/api/v1/deals", { body }),
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
      {save.message && <Notice kind={save.stale ? "warning" : "error"}>{save.stale ? t("alert.stale") : save.message}</Notice>}
      <div className="form-grid">
        <TextField label={t("deals.dealTitle")} required value={form.title} onChange={set("title")} error={save.errors.title} />
        <TextField label={t("deals.amount")} inputMode="decimal" value={form.amount} onChange={set("amount")} error={save.errors.amount} />
        <TextField label={t("deals.currency")} value={form.currency} onChange={set("currency")} error={save.errors.currency} maxLength={3} />
        <SelectField
          label={t("deals.pipeline")}
          value={pipeline?.id ?? ""}
          onChange={(e) => {
            setPipelineId(e.target.value);
            setStageId("");
          }}
          options={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
          error={save.errors.pipeline_id}
        />
        <SelectField label={t("deals.stage")} value={stageId || stages[0]?.id || ""} onChange={(e) => setStageId(e.target.value)} options={stages.map((s) => ({ value: s.id, label: s.name }))} error={save.errors.stage_id} />
        <TextField label={t("deals.expectedClose")} type="date" value={form.expected_close_date} onChange={set("expected_close_date")} error={save.errors.expected_close_date} />
        <TextField label={t("deals.probability")} type="number" min={0} max={100} value={form.probability} onChange={set("probability")} error={save.errors.probability} />
        {deal && (
          <SelectField
            label={t("deals.status")}
            value={form.status}
            onChange={set("status")}
            options={["open", "won", "lost"].map((s) => ({ value: s, label: t(`dealStatus.${s}` as MessageKey) }))}
            error={save.errors.status}
          />
        )}
        <TextField label={t("common.tags")} hint={t("common.tagsHint")} value={form.tags} onChange={set("tags")} error={save.errors.tags} />
      </div>
      <TextArea label={t("deals.description")} value={form.description} onChange={set("description")} error={save.errors.description} rows={3} />
      <CompanyPicker value={companyId} onChange={setCompanyId} error={save.errors.company_id} />
      <div className="actions">
        <button type="submit" className="button primary" disabled={save.busy}>
          {deal ? t("action.save") : t("action.create")}
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
