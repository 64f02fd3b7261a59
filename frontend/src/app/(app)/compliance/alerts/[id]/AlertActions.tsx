"use client";
import { useState } from "react";
import { SelectField, TextArea, TextField } from "@/components/Field";
import { Notice } from "@/components/states";
import { api, ApiError, etagOf, type Schemas } from "@/lib/api";
import { actionsFor, DISMISS_REASONS, type AlertActionName } from "@/lib/compliance";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";

type Alert = Schemas["AlertDetailRead"];
type ActionIn = Schemas["AlertActionIn"];

/** Workflow buttons, comment and tags; each call carries If-Match so a stale page gets a clear 409. */
export function AlertActions({ alert, onChanged, onStale }: { alert: Alert; onChanged: (alert: Alert) => void; onStale: () => void }) {
  const { t } = useI18n();
  const [comment, setComment] = useState("");
  const [reason, setReason] = useState<string>(DISMISS_REASONS[0]);
  const [tag, setTag] = useState("");
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: "success" | "error" | "warning"; text: string }>();

  async function act(body: ActionIn) {
    setBusy(true);
    setNotice(undefined);
    const result = await api.POST("/api/v1/compliance/alerts/{alert_id}/actions", {
      params: { path: { alert_id: alert.id }, header: { "if-match": etagOf(alert.version) } },
      body,
    });
    setBusy(false);
    if (result.response.ok && result.data) {
      onChanged(result.data);
      setComment("");
      setTag("");
      setNotice({ kind: "success", text: t("alert.actionDone", { action: t(`alertAction.${body.action}` as MessageKey) }) });
      return;
    }
    const error = new ApiError(result.response.status, result.error as never);
    if (error.status === 409 && error.problem?.current) {
      setNotice({ kind: "warning", text: t("alert.stale") });
      onStale();
    } else {
      setNotice({ kind: "error", text: error.message });
    }
  }

  function workflow(action: AlertActionName) {
    if (action === "dismiss") return act({ action, reason, comment: comment || null });
    if (action === "resolve") return act({ action, reason: "resolved", comment: comment || null });
    return act({ action, comment: comment || null });
  }

  return (
    <section className="card" aria-labelledby="actions-heading">
      <h2 id="actions-heading">{t("alert.actions")}</h2>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <TextArea label={t("alert.comment")} value={comment} onChange={(e) => setComment(e.target.value)} rows={2} />
      <div className="actions">
        {actionsFor(alert.status).map((action) => (
          <button
            key={action}
            type="button"
            className={action === "resolve" ? "button primary" : "button"}
            disabled={busy}
            onClick={() => workflow(action)}
          >
            {t(`alertAction.${action}` as MessageKey)}
          </button>
        ))}
        <button type="button" className="button" disabled={busy} onClick={() => act({ action: "assign", assignee_id: "me" })}>
          {t("alert.assignToMe")}
        </button>
        <button type="button" className="button" disabled={busy || !comment.trim()} onClick={() => act({ action: "comment", comment })}>
          {t("alertAction.comment")}
        </button>
      </div>
      <div className="form-grid" style={{ marginTop: "0.75rem" }}>
        {actionsFor(alert.status).includes("dismiss") && (
          <SelectField
            label={t("alert.dismissReason")}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            options={DISMISS_REASONS.map((value) => ({ value, label: t(`dismiss.${value}` as MessageKey) }))}
          />
        )}
        <div>
          <TextField label={t("alert.addTag")} value={tag} onChange={(e) => setTag(e.target.value)} />
          <button type="button" className="button small" disabled={busy || !tag.trim()} onClick={() => act({ action: "tag", tags: [tag.trim()] })}>
            {t("alertAction.tag")}
          </button>
        </div>
      </div>
    </section>
  );
}
