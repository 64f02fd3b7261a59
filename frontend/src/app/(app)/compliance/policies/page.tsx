"use client";
import { useState } from "react";
import { SelectField, TextArea, TextField } from "@/components/Field";
import { HighlightedText } from "@/components/Highlight";
import { RequireCapability } from "@/components/Shell";
import { DataView, Notice } from "@/components/states";
import { api, ApiError, etagOf, unwrap, type Schemas } from "@/lib/api";
import { formatDateTime } from "@/lib/format";
import { useLoad } from "@/lib/hooks";
import { useI18n } from "@/lib/i18n";

type Policy = Schemas["PolicyRead"];
const DECISIONS = ["allow", "warn", "redact", "block"] as const;

export default function PoliciesPage() {
  return (
    <RequireCapability capability="compliance:policies">
      <Policies />
    </RequireCapability>
  );
}

function Policies() {
  const { t } = useI18n();
  const policies = useLoad(async () => unwrap(await api.GET("/api/v1/compliance/policies")), []);
  const [selectedId, setSelectedId] = useState<string>();
  const selected = policies.data?.find((p) => p.id === selectedId) ?? policies.data?.[0];

  return (
    <>
      <div className="page-head">
        <h1>{t("policies.title")}</h1>
      </div>
      <DataView {...policies} isEmpty={(items) => items.length === 0}>
        {(items) => (
          <>
            <SelectField
              label={t("policies.choose")}
              value={selected?.id ?? ""}
              onChange={(e) => setSelectedId(e.target.value)}
              options={items.map((p) => ({ value: p.id, label: `${p.name} (v${p.version}${p.is_active ? "" : `, ${t("policies.inactive")}`})` }))}
            />
            {selected && <PolicyEditor key={selected.id} policy={selected} onSaved={policies.reload} />}
          </>
        )}
      </DataView>
    </>
  );
}

function PolicyEditor({ policy, onSaved }: { policy: Policy; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const [description, setDescription] = useState(policy.description ?? "");
  const [isActive, setIsActive] = useState(policy.is_active ?? true);
  const [priority, setPriority] = useState(String(policy.priority ?? 100));
  const [minDecision, setMinDecision] = useState(policy.alert_min_decision ?? "warn");
  const [fourEyes, setFourEyes] = useState(policy.four_eyes_reveal ?? false);
  const [document, setDocument] = useState(JSON.stringify(policy.document ?? {}, null, 2));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ kind: "success" | "error"; text: string }>();
  const versions = useLoad(async () => unwrap(await api.GET("/api/v1/compliance/policies/{policy_id}/versions", { params: { path: { policy_id: policy.id } } })), [policy.id, policy.version]);

  function parsedDocument(): Record<string, unknown> | null {
    try {
      const value = JSON.parse(document) as unknown;
      if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    } catch {
      /* reported below */
    }
    setErrors({ document: t("policies.invalidJson") });
    return null;
  }

  async function save() {
    const doc = parsedDocument();
    if (!doc) return;
    setErrors({});
    const result = await api.PATCH("/api/v1/compliance/policies/{policy_id}", {
      params: { path: { policy_id: policy.id }, header: { "if-match": etagOf(policy.version) } },
      body: { description, is_active: isActive, priority: Number(priority), alert_min_decision: minDecision, four_eyes_reveal: fourEyes, document: doc },
    });
    if (result.response.ok) {
      setNotice({ kind: "success", text: t("policies.saved") });
      onSaved();
    } else {
      const error = new ApiError(result.response.status, result.error as never);
      setErrors(error.fieldErrors());
      setNotice({ kind: "error", text: error.status === 409 ? t("alert.stale") : error.message });
    }
  }

  return (
    <div className="grid">
      <section className="card" aria-labelledby="policy-heading">
        <h2 id="policy-heading">
          {policy.name} · v{policy.version}
        </h2>
        {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
        <TextField label={t("policies.description")} value={description} onChange={(e) => setDescription(e.target.value)} error={errors.description} />
        <div className="form-grid">
          <TextField label={t("policies.priority")} type="number" value={priority} onChange={(e) => setPriority(e.target.value)} error={errors.priority} />
          <SelectField
            label={t("policies.minDecision")}
            value={minDecision}
            onChange={(e) => setMinDecision(e.target.value as (typeof DECISIONS)[number])}
            options={DECISIONS.map((d) => ({ value: d, label: d }))}
            error={errors.alert_min_decision}
          />
        </div>
        <label className="checkbox">
          <input type="checkbox" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} /> {t("policies.active")}
        </label>{" "}
        <label className="checkbox">
          <input type="checkbox" checked={fourEyes} onChange={(e) => setFourEyes(e.target.checked)} /> {t("policies.fourEyes")}
        </label>
        <TextArea label={t("policies.document")} value={document} onChange={(e) => setDocument(e.target.value)} rows={16} spellCheck={false} error={errors.document} style={{ fontFamily: "monospace", fontSize: "0.85rem" }} />
        <button type="button" className="button primary" onClick={save}>
          {t("action.saveNewVersion")}
        </button>
        <h3>{t("policies.versions")}</h3>
        <DataView {...versions}>
          {(items) => (
            <ul>
              {items.map((v) => (
                <li key={v.version}>
                  v{v.version} — {formatDateTime(v.created_at, locale)}
                </li>
              ))}
            </ul>
          )}
        </DataView>
      </section>
      <DryRun document={document} />
    </div>
  );
}

function DryRun({ document }: { document: string }) {
  const { t } = useI18n();
  const [text, setText] = useState("");
  const [outcome, setOutcome] = useState<{ document: string; text: string; out: Schemas["DryRunOut"] }>();
  // A result only stands for the document and text it was computed from.
  const result = outcome && outcome.document === document && outcome.text === text ? outcome.out : undefined;
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);

  async function run() {
    let doc: Record<string, unknown>;
    try {
      doc = JSON.parse(document) as Record<string, unknown>;
    } catch {
      setError(t("policies.invalidJson"));
      return;
    }
    setBusy(true);
    setError(undefined);
    const response = await api.POST("/api/v1/compliance/policies/dry-run", { body: { document: doc, text } });
    setBusy(false);
    if (response.response.ok && response.data) setOutcome({ document, text, out: response.data });
    else setError(new ApiError(response.response.status, response.error as never).message);
  }

  return (
    <section className="card" aria-labelledby="dry-run-heading">
      <h2 id="dry-run-heading">{t("policies.dryRun")}</h2>
      <p className="muted">{t("policies.dryRunHint")}</p>
      <TextArea label={t("policies.sampleText")} value={text} onChange={(e) => setText(e.target.value)} rows={5} />
      <button type="button" className="button" onClick={run} disabled={busy || !text.trim()}>
        {t("policies.runDryRun")}
      </button>
      {error && <Notice kind="error">{error}</Notice>}
      {result?.items.map((item, index) => (
        <div key={index} style={{ marginTop: "0.75rem" }}>
          <p>
            <strong>{t("policies.decision")}:</strong> {item.decision} · {item.categories.join(", ") || "—"}
          </p>
          <HighlightedText text={text} findings={item.findings} redacted={false} idPrefix={`dry-${index}`} />
          <ol className="findings">
            {item.findings.map((finding, i) => (
              <li key={i} id={`dry-${index}-${i}`}>
                {i + 1}. <strong>{finding.detector}</strong> ({finding.severity}, {finding.score.toFixed(2)})
              </li>
            ))}
          </ol>
          <p className="muted">{t("policies.redacted")}</p>
          <p className="excerpt">{item.redacted_text}</p>
        </div>
      ))}
    </section>
  );
}
