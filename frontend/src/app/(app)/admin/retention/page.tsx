"use client";
import { useState } from "react";
import { TextField } from "@/components/Field";
import { RequireCapability } from "@/components/Shell";
import { DataView, Notice } from "@/components/states";
import { api, ApiError, unwrap, type Schemas } from "@/lib/api";
import { CATEGORIES } from "@/lib/compliance";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";

export default function RetentionPage() {
  return (
    <RequireCapability capability="compliance:policies">
      <Retention />
    </RequireCapability>
  );
}

function Retention() {
  const { t } = useI18n();
  const retention = useLoad(async () => unwrap(await api.GET("/api/v1/compliance/retention")), []);
  return (
    <>
      <div className="page-head">
        <h1>{t("retention.title")}</h1>
      </div>
      <p className="muted">{t("retention.explain")}</p>
      <DataView {...retention}>{(data) => <RetentionForm initial={data} onSaved={retention.reload} />}</DataView>
    </>
  );
}

function RetentionForm({ initial, onSaved }: { initial: Schemas["RetentionRead"]; onSaved: () => void }) {
  const { t } = useI18n();
  const [evidence, setEvidence] = useState<Record<string, string>>(Object.fromEntries(Object.entries(initial.evidence_days).map(([k, v]) => [k, String(v)])));
  const [closed, setClosed] = useState<Record<string, string>>(Object.fromEntries(Object.entries(initial.closed_alert_days).map(([k, v]) => [k, String(v)])));
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string }>();
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function save() {
    const toNumbers = (values: Record<string, string>) => Object.fromEntries(Object.entries(values).map(([k, v]) => [k, Number(v)]));
    const result = await api.PUT("/api/v1/compliance/retention", { body: { evidence_days: toNumbers(evidence), closed_alert_days: toNumbers(closed) } });
    if (result.response.ok) {
      setNotice({ kind: "success", text: t("retention.saved") });
      setErrors({});
      onSaved();
    } else {
      const error = new ApiError(result.response.status, result.error as never);
      setErrors(error.fieldErrors());
      setNotice({ kind: "error", text: error.message });
    }
  }

  const categories = Array.from(new Set([...CATEGORIES, ...Object.keys(initial.evidence_days)]));
  return (
    <div className="card">
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <div className="table-wrap">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t("alerts.category")}</th>
              <th scope="col">{t("retention.evidenceDays")}</th>
              <th scope="col">{t("retention.closedDays")}</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((category) => (
              <tr key={category}>
                <th scope="row">{t(`category.${category}` as MessageKey)}</th>
                <td>
                  <TextField label={t("retention.evidenceFor", { category })} type="number" min={1} value={evidence[category] ?? ""} onChange={(e) => setEvidence((v) => ({ ...v, [category]: e.target.value }))} error={errors.evidence_days} />
                </td>
                <td>
                  <TextField label={t("retention.closedFor", { category })} type="number" min={1} value={closed[category] ?? ""} onChange={(e) => setClosed((v) => ({ ...v, [category]: e.target.value }))} error={errors.closed_alert_days} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <button type="button" className="button primary" onClick={save} style={{ marginTop: "0.75rem" }}>
        {t("action.save")}
      </button>
    </div>
  );
}
