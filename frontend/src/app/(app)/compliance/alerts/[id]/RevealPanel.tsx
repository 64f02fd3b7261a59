"use client";
import { useState } from "react";
import { HighlightedText } from "@/components/Highlight";
import { TextArea } from "@/components/Field";
import { Notice } from "@/components/states";
import { api, ApiError, type Schemas } from "@/lib/api";
import { useAuth } from "@/lib/auth";
import { MIN_REVEAL_REASON } from "@/lib/compliance";
import { formatDateTime } from "@/lib/format";
import { useI18n } from "@/lib/i18n";
import type { MessageKey } from "@/lib/messages";

type Alert = Schemas["AlertDetailRead"];
type Revealed = { excerpts?: { scan_id: string; created_at: string; text: string }[]; identity?: Record<string, unknown> };

/** Reveal raw evidence or the author's identity: a written reason, and a second officer when the policy asks. */
export function RevealPanel({ alert, onChanged }: { alert: Alert; onChanged: () => void }) {
  const { t, locale } = useI18n();
  const { user } = useAuth();
  const [target, setTarget] = useState<"excerpt" | "identity">("excerpt");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string>();
  const [revealed, setRevealed] = useState<Revealed | null>(null);
  const [notice, setNotice] = useState<{ kind: "info" | "error" | "success"; text: string }>();
  const [busy, setBusy] = useState(false);

  function show(result: { data?: Schemas["RevealResponse"]; error?: unknown; response: Response }) {
    if (result.response.ok && result.data) {
      if (result.data.content) {
        setRevealed(result.data.content as Revealed);
        setNotice({ kind: "success", text: t("reveal.opened") });
      } else {
        setNotice({ kind: "info", text: t("reveal.pending") });
      }
      onChanged();
      return;
    }
    const error = new ApiError(result.response.status, result.error as never);
    setReasonError(error.fieldErrors().reason);
    setNotice({ kind: "error", text: error.message });
  }

  async function request() {
    if (reason.trim().length < MIN_REVEAL_REASON) {
      setReasonError(t("reveal.reasonTooShort", { min: MIN_REVEAL_REASON }));
      return;
    }
    setReasonError(undefined);
    setBusy(true);
    show(await api.POST("/api/v1/compliance/alerts/{alert_id}/reveal", { params: { path: { alert_id: alert.id } }, body: { target, reason } }));
    setBusy(false);
  }

  async function decide(requestId: string, approve: boolean) {
    setBusy(true);
    const result = await api.POST("/api/v1/compliance/reveal-requests/{request_id}/decision", {
      params: { path: { request_id: requestId } },
      body: { approve },
    });
    setBusy(false);
    if (result.response.ok) onChanged();
    else setNotice({ kind: "error", text: new ApiError(result.response.status, result.error as never).message });
  }

  async function open(requestId: string) {
    setBusy(true);
    show(await api.POST("/api/v1/compliance/reveal-requests/{request_id}/open", { params: { path: { request_id: requestId } } }));
    setBusy(false);
  }

  return (
    <section className="card" aria-labelledby="reveal-heading">
      <h2 id="reveal-heading">{t("reveal.title")}</h2>
      <p className="muted">{alert.four_eyes ? t("reveal.fourEyesOn") : t("reveal.fourEyesOff")}</p>
      {notice && <Notice kind={notice.kind}>{notice.text}</Notice>}
      <fieldset className="checkbox" style={{ border: 0, padding: 0, gap: "1rem" }}>
        <legend className="visually-hidden">{t("reveal.target")}</legend>
        {(["excerpt", "identity"] as const).map((value) => (
          <label key={value} className="checkbox">
            <input type="radio" name="reveal-target" value={value} checked={target === value} onChange={() => setTarget(value)} />
            {t(`reveal.target.${value}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <TextArea label={t("reveal.reason")} hint={t("reveal.reasonHint", { min: MIN_REVEAL_REASON })} error={reasonError} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} required />
      <button type="button" className="button primary" onClick={request} disabled={busy}>
        {alert.four_eyes ? t("reveal.request") : t("reveal.submit")}
      </button>
      {revealed?.excerpts?.map((excerpt) => (
        <div key={excerpt.scan_id} style={{ marginTop: "0.75rem" }}>
          <p className="muted">{t("reveal.rawFrom", { when: formatDateTime(excerpt.created_at, locale) })}</p>
          <HighlightedText text={excerpt.text} findings={alert.findings} redacted={false} idPrefix="finding" />
        </div>
      ))}
      {revealed?.identity && (
        <dl className="props" style={{ marginTop: "0.75rem" }}>
          {Object.entries(revealed.identity).map(([key, value]) => (
            <div key={key} style={{ display: "contents" }}>
              <dt>{key}</dt>
              <dd>{String(value ?? "—")}</dd>
            </div>
          ))}
        </dl>
      )}
      {alert.reveal_requests.length > 0 && (
        <>
          <h3>{t("reveal.requests")}</h3>
          <div className="table-wrap">
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">{t("reveal.target")}</th>
                  <th scope="col">{t("reveal.reason")}</th>
                  <th scope="col">{t("alerts.status")}</th>
                  <th scope="col">{t("common.when")}</th>
                  <th scope="col">{t("common.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {alert.reveal_requests.map((item) => {
                  const mine = item.requested_by_id === user?.id;
                  return (
                    <tr key={item.id}>
                      <td>{t(`reveal.target.${item.target}` as MessageKey)}</td>
                      <td>{item.reason}</td>
                      <td>{t(`reveal.status.${item.status}` as MessageKey)}</td>
                      <td>{formatDateTime(item.created_at, locale)}</td>
                      <td className="actions">
                        {item.status === "pending" && !mine && (
                          <>
                            <button type="button" className="button small" disabled={busy} onClick={() => decide(item.id, true)}>
                              {t("reveal.approve")}
                            </button>
                            <button type="button" className="button small danger" disabled={busy} onClick={() => decide(item.id, false)}>
                              {t("reveal.reject")}
                            </button>
                          </>
                        )}
                        {item.status === "pending" && mine && <span className="muted">{t("reveal.awaitingSecond")}</span>}
                        {item.status === "approved" && mine && alert.four_eyes && (
                          <button type="button" className="button small" disabled={busy} onClick={() => open(item.id)}>
                            {t("reveal.open")}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
